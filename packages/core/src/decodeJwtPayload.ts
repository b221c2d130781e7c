import { AuthError } from './AuthError.js'

/** Reads part `index` of a JWT (0 the header, 1 the claims) without verifying anything; callers check what matters. */
export function decodeJwtPart(jwt: string, index: 0 | 1): Record<string, unknown> {
  const part = jwt.split('.')[index]
  if (!part) throw new AuthError('invalid_token', 'The ID token is not a JWT.')
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/')
    const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='))
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
    const decoded: unknown = JSON.parse(new TextDecoder().decode(bytes))
    if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) throw new Error('not an object')
    return decoded as Record<string, unknown>
  } catch (cause) {
    throw new AuthError('invalid_token', 'The ID token is not valid base64url JSON.', { cause })
  }
}

/** A JWT's claims, unverified. */
export function decodeJwtPayload(jwt: string): Record<string, unknown> {
  return decodeJwtPart(jwt, 1)
}
