/**
 * DPoP proofs (RFC 9449 §4.2) for token and resource requests, and the key's thumbprint for `dpop_jkt`.
 *
 * oidc-client-ts signs proofs only inside OidcClient and UserManager (classes this kit does not use)
 * and keeps its signing helpers private, so the same few Web Crypto calls are made here.
 */

const encoder = new TextEncoder()

function base64Url(bytes: ArrayBuffer | Uint8Array): string {
  let binary = ''
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

async function publicJwk(keys: CryptoKeyPair): Promise<{ crv: string; kty: string; x: string; y: string }> {
  const { crv = '', kty = '', x = '', y = '' } = await crypto.subtle.exportKey('jwk', keys.publicKey)
  return { crv, kty, x, y }
}

/** RFC 7638 thumbprint of the public key: what `dpop_jkt` and a bound token's `cnf.jkt` name. */
export async function dpopThumbprint(keys: CryptoKeyPair): Promise<string> {
  const { crv, kty, x, y } = await publicJwk(keys)
  // RFC 7638 §3.2: the required members only, in lexicographic order, no whitespace.
  const canonical = JSON.stringify({ crv, kty, x, y })
  return base64Url(await crypto.subtle.digest('SHA-256', encoder.encode(canonical)))
}

export interface DpopProofRequest {
  method: string
  /** The request URL; its query and fragment are left out of the proof (`htu`, RFC 9449 §4.2). */
  url: string
  /** The access token the request carries, if any: its hash goes in `ath`. */
  accessToken?: string | undefined
  /** The last `DPoP-Nonce` this server sent, when it sent one. */
  nonce?: string | undefined
}

export async function createDpopProof(keys: CryptoKeyPair, { method, url, accessToken, nonce }: DpopProofRequest): Promise<string> {
  const target = new URL(url)
  const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: await publicJwk(keys) }
  const payload = {
    jti: crypto.randomUUID(),
    htm: method.toUpperCase(),
    htu: `${target.origin}${target.pathname}`,
    iat: Math.floor(Date.now() / 1000),
    ...(accessToken !== undefined && { ath: base64Url(await crypto.subtle.digest('SHA-256', encoder.encode(accessToken))) }),
    ...(nonce !== undefined && { nonce }),
  }
  const signingInput = `${base64Url(encoder.encode(JSON.stringify(header)))}.${base64Url(encoder.encode(JSON.stringify(payload)))}`
  // Web Crypto's ECDSA signature is r‖s, which is exactly JWS's ES256 form (RFC 7518 §3.4).
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, encoder.encode(signingInput))
  return `${signingInput}.${base64Url(signature)}`
}
