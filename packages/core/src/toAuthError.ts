import { AuthError, type AuthErrorCode } from './AuthError.js'

/** OAuth error codes an IdP may send that we report under their own name. */
const passThroughCodes = new Set<AuthErrorCode>([
  'access_denied',
  'login_required',
  'consent_required',
  'interaction_required',
  'invalid_grant',
])

interface ProtocolErrorResponse {
  name: 'ErrorResponse'
  error: string
  error_description: string | null
}

function isProtocolErrorResponse(err: unknown): err is ProtocolErrorResponse {
  return err instanceof Error && err.name === 'ErrorResponse' && typeof (err as Partial<ProtocolErrorResponse>).error === 'string'
}

function bounded(text: string, length = 200): string {
  return text.length > length ? `${text.slice(0, length)}…` : text
}

/** Turns whatever a request threw into an AuthError; anything unrecognised keeps its cause. */
export function toAuthError(err: unknown, context: string): AuthError {
  if (err instanceof AuthError) return err
  if (isProtocolErrorResponse(err)) {
    const code = passThroughCodes.has(err.error as AuthErrorCode) ? (err.error as AuthErrorCode) : 'idp_error'
    // Whoever sent the response chose these strings: bounded here, whole in `cause`.
    const description = err.error_description ? bounded(err.error_description) : undefined
    return new AuthError(code, `${context}: the identity provider answered ${bounded(err.error, 60)}${description ? ` (${description})` : ''}.`, {
      description,
      cause: err,
    })
  }
  if (err instanceof Error) {
    // fetch() rejects with a TypeError when the network fails; a TypeError from a bug is not a network error.
    if (err.name === 'TypeError' ? /fetch|network|load failed/i.test(err.message) : /network/i.test(err.message)) {
      return new AuthError('network', `${context}: could not reach the identity provider (${err.message}).`, { cause: err })
    }
    return new AuthError(err.name === 'TypeError' ? 'unknown' : 'idp_error', `${context}: ${bounded(err.message)}`, { cause: err })
  }
  return new AuthError('unknown', `${context}: ${String(err)}`, { cause: err })
}
