import { createDpopProof } from './createDpopProof.js'
import { parseBearerChallenge } from './parseBearerChallenge.js'

/**
 * What a DPoP request goes to: an API call as the app made it, or a token request as a URL and its
 * init. A token request is sent as `fetch(url, init)`, not as a Request, so that its form body stays
 * plain bytes that the browser's tools (and Playwright) can read, rather than a stream.
 */
export type DpopTarget = Request | { url: string; init: RequestInit }

/**
 * Sends a request with a fresh proof of possession for its method and URL: to an API with the
 * DPoP-bound `accessToken` (`Authorization: DPoP …`), to the IdP's token endpoint without one. Each
 * server's latest `DPoP-Nonce` goes in the next proof; a `use_dpop_nonce` answer with a new nonce is
 * retried once, an API's as a 401 challenge (RFC 9449 §9), the IdP's as a 400 error (§8).
 */
export function createDpopSender(keyPair: () => Promise<CryptoKeyPair>) {
  const nonceByOrigin = new Map<string, string>()
  return async function sendWithDpop(target: DpopTarget, accessToken?: string): Promise<Response> {
    const keys = await keyPair()
    const url = target.url
    const method = target instanceof Request ? target.method : (target.init.method ?? 'GET')
    const origin = new URL(url).origin
    const attempt = async () => {
      const nonce = nonceByOrigin.get(origin)
      const sent = target instanceof Request ? target.clone() : { ...target.init, headers: new Headers(target.init.headers) }
      if (accessToken !== undefined) sent.headers.set('Authorization', `DPoP ${accessToken}`)
      sent.headers.set('DPoP', await createDpopProof(keys, { method, url, accessToken, nonce }))
      const response = await (sent instanceof Request ? fetch(sent) : fetch(url, sent))
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
