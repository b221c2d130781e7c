import { createDpopProof } from './createDpopProof.js'
import { parseBearerChallenge } from './parseBearerChallenge.js'

/**
 * Sends `request` with a DPoP-bound access token: `Authorization: DPoP …` and a fresh proof of
 * possession for this method and URL. Each API's latest `DPoP-Nonce` goes in the next proof; a
 * `use_dpop_nonce` challenge with a new nonce is retried once (RFC 9449 §9).
 */
export function createDpopSender(keyPair: () => Promise<CryptoKeyPair>) {
  const nonceByOrigin = new Map<string, string>()
  return async function sendWithDpop(request: Request, accessToken: string): Promise<Response> {
    const keys = await keyPair()
    const origin = new URL(request.url).origin
    const attempt = async () => {
      const nonce = nonceByOrigin.get(origin)
      const sent = request.clone()
      sent.headers.set('Authorization', `DPoP ${accessToken}`)
      sent.headers.set('DPoP', await createDpopProof(keys, { method: sent.method, url: sent.url, accessToken, ...(nonce !== undefined && { nonce }) }))
      const response = await fetch(sent)
      const next = response.headers.get('DPoP-Nonce')
      if (next) nonceByOrigin.set(origin, next)
      return { response, retry: next !== null && next !== nonce }
    }
    const first = await attempt()
    const challenge = parseBearerChallenge(first.response.headers.get('WWW-Authenticate'), 'DPoP')
    if (first.response.status === 401 && challenge?.error === 'use_dpop_nonce' && first.retry) return (await attempt()).response
    return first.response
  }
}
