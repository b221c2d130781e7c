import { jwtDecode } from 'jwt-decode'
import { dev } from './dev.js'
import { AuthError } from './AuthError.js'

/**
 * Reads part `index` of a JWT (0 the header, 1 the claims) without verifying anything; callers check
 * what matters. jwt-decode is already in every bundle through oidc-client-ts, so it costs nothing here.
 */
export function decodeJwtPart(jwt: string, index: 0 | 1): Record<string, unknown> {
  let decoded: unknown
  try {
    decoded = jwtDecode(jwt, { header: index === 0 })
  } catch (cause) {
    throw new AuthError('invalid_token', dev ? 'The ID token is not a JWT of base64url JSON.' : '', { cause })
  }
  if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) {
    throw new AuthError('invalid_token', dev ? 'The ID token is not a JWT of JSON objects.' : '')
  }
  return decoded as Record<string, unknown>
}

/** A JWT's claims, unverified. */
export function decodeJwtPayload(jwt: string): Record<string, unknown> {
  return decodeJwtPart(jwt, 1)
}
