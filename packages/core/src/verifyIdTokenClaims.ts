import { AuthError } from './AuthError.js'
import { decodeJwtPart } from './decodeJwtPayload.js'
import { dev } from './dev.js'

export interface IdTokenExpectations {
  issuer: string
  clientId: string
  /** Seconds since the epoch. */
  now: number
  /** Seconds of clock difference tolerated between this browser and the IdP. Default 300. */
  clockSkew?: number
  /** The `alg`s the IdP signs ID tokens with (`id_token_signing_alg_values_supported`). Default `['RS256']`. */
  algorithms?: readonly string[]
  /** The `max_age` the sign-in asked for, in seconds: `auth_time` must then be present and recent enough. */
  maxAge?: number
  /** The `nonce` the sign-in sent: the token must carry it back (OpenID Connect Core §3.1.3.7 item 11). */
  nonce?: string
}

/** `detail` is a development build's: production says which claim failed, and `cause` holds the values. */
function reject(claim: string, detail: string | false, expected: unknown, actual: unknown): never {
  throw new AuthError('invalid_token', `The ID token failed the "${claim}" check${detail ? `: ${detail}` : ''}.`, {
    cause: { claim, expected, actual },
  })
}

const clockHint = dev && "If this device's clock is wrong, set it right (or raise clockSkewSeconds for devices whose clock drifts)"

/**
 * The ID token checks of OpenID Connect Core §3.1.3.7. The signature is not checked: the token came straight from the token endpoint
 * over TLS, which §3.1.3.7 item 6 accepts in place of it. Its `alg` still must be one the IdP
 * announces, and never `none`.
 *
 * @see https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation
 */
export function verifyIdTokenClaims(idToken: string, expected: IdTokenExpectations): Record<string, unknown> {
  const header = decodeJwtPart(idToken, 0)
  const claims = decodeJwtPart(idToken, 1)
  const skew = expected.clockSkew ?? 300
  const algorithms = expected.algorithms ?? ['RS256']
  const alg = header['alg']
  if (typeof alg !== 'string' || alg === 'none' || !algorithms.includes(alg)) {
    reject('alg', dev && `it is signed with ${JSON.stringify(alg)}, not with one of the IdP's algorithms (${algorithms.join(', ')})`, algorithms, alg)
  }
  if (claims['iss'] !== expected.issuer) {
    reject('iss', dev && `it was issued by "${String(claims['iss']).slice(0, 100)}", not by "${expected.issuer}"`, expected.issuer, claims['iss'])
  }
  const aud = claims['aud']
  const audiences = Array.isArray(aud) ? aud : [aud]
  if (!audiences.includes(expected.clientId)) {
    reject('aud', dev && `it is not meant for client "${expected.clientId}"`, expected.clientId, aud)
  }
  const azp = claims['azp']
  if ((audiences.length > 1 || azp !== undefined) && azp !== expected.clientId) {
    reject('azp', dev && `its authorized party is not "${expected.clientId}"`, expected.clientId, azp)
  }
  const exp = claims['exp']
  if (typeof exp !== 'number') reject('exp', dev && 'it has no expiry', 'a number', exp)
  if (exp + skew <= expected.now) reject('exp', dev && `it has expired. ${clockHint}`, `> ${expected.now}`, exp)
  const iat = claims['iat']
  if (typeof iat !== 'number') reject('iat', dev && 'it has no issue time', 'a number', iat)
  if (iat - skew > expected.now) reject('iat', dev && `it claims to be issued in the future. ${clockHint}`, `<= ${expected.now}`, iat)
  if (typeof claims['sub'] !== 'string' || claims['sub'] === '') {
    reject('sub', dev && 'it names no subject', 'a string', claims['sub'])
  }
  if (expected.nonce !== undefined && claims['nonce'] !== expected.nonce) {
    reject('nonce', dev && 'it does not carry the nonce this sign-in sent, so it may be replayed from another one', expected.nonce, claims['nonce'])
  }
  if (expected.maxAge !== undefined) {
    const authTime = claims['auth_time']
    if (typeof authTime !== 'number') reject('auth_time', dev && 'the sign-in asked for max_age, and it has no auth_time', 'a number', authTime)
    if (authTime + expected.maxAge + skew < expected.now) {
      reject('auth_time', dev && `the user signed in longer ago than max_age (${expected.maxAge} s) allows. ${clockHint}`, `>= ${expected.now - expected.maxAge}`, authTime)
    }
  }
  return claims
}
