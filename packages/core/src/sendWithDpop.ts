import { createDpopProof } from './createDpopProof.js'
import { parseBearerChallenge } from './parseBearerChallenge.js'

/**
 * Sends `request` with a fresh proof of possession for its method and URL: to an API with the
 * DPoP-bound `accessToken` (`Authorization: DPoP …`), to the IdP's token endpoint without one. Each
 * server's latest `DPoP-Nonce` goes in the next proof; a `use_dpop_nonce` answer with a new nonce is
 * retried once, an API's as a 401 challenge (RFC 9449 §9), the IdP's as a 400 error (§8).
 */
export function createDpopSender(keyPair: () => Promise<CryptoKeyPair>) {
  const nonceByOrigin = new Map<string, string>()
  return async function sendWithDpop(request: Request, accessToken?: string): Promise<Response> {
    const keys = await keyPair()
    const origin = new URL(request.url).origin
    const attempt = async () => {
      const nonce = nonceByOrigin.get(origin)
      const sent = request.clone()
      if (accessToken !== undefined) sent.headers.set('Authorization', `DPoP ${accessToken}`)
      sent.headers.set('DPoP', await createDpopProof(keys, { method: sent.method, url: sent.url, accessToken, nonce }))
      const response = await fetch(sent)
      const next = response.headers.get('DPoP-Nonce')
      if (next) nonceByOrigin.set(origin, next)
      return { response, retry: next !== null && next !== nonce }
    }
    const first = await attempt()
    if (!first.retry) return first.response
    const error =
      first.response.status === 401
        ? parseBearerChallenge(first.response.headers.get('WWW-Authenticate'), 'DPoP')?.error
        : first.response.status === 400 && ((await first.response.clone().json().catch(() => null)) as { error?: unknown } | null)?.error
    return error === 'use_dpop_nonce' ? (await attempt()).response : first.response
  }
}
