import { AuthError } from './AuthError.js'
import { decodeJwtPayload } from './decodeJwtPayload.js'

export interface IdTokenExpectations {
  issuer: string
  clientId: string
  /** Seconds since the epoch. */
  now: number
  /** Seconds of clock difference tolerated between this browser and the IdP. */
  clockSkew?: number
}

function reject(claim: string, detail: string, expected: unknown, actual: unknown): never {
  throw new AuthError('invalid_token', `The ID token failed the "${claim}" check: ${detail}.`, {
    cause: { claim, expected, actual },
  })
}

/**
 * The ID token checks of OpenID Connect Core §3.1.3.7 that oidc-client-ts leaves out (it checks `sub`
 * and `nonce` only). The signature is not checked: the token came straight from the token endpoint
 * over TLS, which §3.1.3.7 item 6 accepts in place of it.
 *
 * @see https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation
 */
export function verifyIdTokenClaims(idToken: string, expected: IdTokenExpectations): Record<string, unknown> {
  const claims = decodeJwtPayload(idToken)
  const skew = expected.clockSkew ?? 300
  if (claims['iss'] !== expected.issuer) {
    reject('iss', `it was issued by "${String(claims['iss'])}", not by "${expected.issuer}"`, expected.issuer, claims['iss'])
  }
  const aud = claims['aud']
  const audiences = Array.isArray(aud) ? aud : [aud]
  if (!audiences.includes(expected.clientId)) {
    reject('aud', `it is meant for ${JSON.stringify(aud)}, not for client "${expected.clientId}"`, expected.clientId, aud)
  }
  if (audiences.length > 1 && claims['azp'] !== expected.clientId) {
    reject('azp', `it has several audiences and its authorized party is not "${expected.clientId}"`, expected.clientId, claims['azp'])
  }
  const exp = claims['exp']
  if (typeof exp !== 'number' || exp + skew <= expected.now) {
    reject('exp', 'it has expired', `> ${expected.now}`, exp)
  }
  const iat = claims['iat']
  if (typeof iat !== 'number' || iat - skew > expected.now) {
    reject('iat', 'it claims to be issued in the future', `<= ${expected.now}`, iat)
  }
  if (typeof claims['sub'] !== 'string' || claims['sub'] === '') {
    reject('sub', 'it names no subject', 'a string', claims['sub'])
  }
  return claims
}
