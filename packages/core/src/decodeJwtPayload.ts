import { AuthError } from './AuthError.js'

/** Reads a JWT's claims without verifying its signature; callers check the claims that matter. */
export function decodeJwtPayload(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1]
  if (!part) throw new AuthError('invalid_token', 'The ID token is not a JWT.')
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/')
    const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='))
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes))
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new Error('not an object')
    return payload as Record<string, unknown>
  } catch (cause) {
    throw new AuthError('invalid_token', 'The ID token payload is not valid base64url JSON.', { cause })
  }
}
