import type { IncomingMessage } from 'node:http'

import { createDpopProofVerifier, DpopProofError } from '@latchkey/mock-idp'

import { ApiError } from './ApiError.js'

/** Resolves when `request` carries a valid proof for `accessToken`'s key; else rejects with `invalid_dpop_proof`. */
export type DpopProofCheck = (request: IncomingMessage, accessToken: string, boundTo: string) => Promise<void>

/**
 * Checks the DPoP proofs of requests that carry DPoP-bound tokens (RFC 9449 §7.1), remembering each
 * proof so that none is used twice. A proof names the URL as the browser addressed it: this API sits
 * behind the app's dev server proxy, which keeps the browser's `Host`.
 */
export function createDpopProofCheck(now: () => number): DpopProofCheck {
  const verify = createDpopProofVerifier({ now })
  return async (request, accessToken, boundTo) => {
    const proof = request.headers['dpop']
    try {
      await verify({
        proof: typeof proof === 'string' ? proof : undefined,
        method: request.method ?? 'GET',
        url: `http://${request.headers.host ?? '127.0.0.1'}${request.url ?? '/'}`,
        accessToken,
        boundTo,
      })
    } catch (error) {
      if (error instanceof DpopProofError) throw new ApiError('invalid_dpop_proof', error.message, { cause: error })
      throw error
    }
  }
}
