/**
 * Every failure latchkey reports. `code` is stable and meant for program logic; `message` is for people.
 */
export type AuthErrorCode =
  | 'config'
  | 'access_denied'
  | 'login_required'
  | 'consent_required'
  | 'interaction_required'
  | 'invalid_grant'
  | 'insufficient_scope'
  | 'invalid_scope'
  | 'state_mismatch'
  | 'invalid_token'
  | 'popup_blocked'
  | 'popup_closed'
  | 'network'
  | 'timeout'
  | 'refresh_failed'
  | 'idp_error'
  | 'storage'
  | 'unknown'

export interface AuthErrorOptions {
  /** The identity provider's `error_description`, when it sent one. */
  description?: string | undefined
  cause?: unknown
}

export class AuthError extends Error {
  override readonly name = 'AuthError'
  readonly code: AuthErrorCode
  readonly description: string | undefined

  constructor(code: AuthErrorCode, message: string, options: AuthErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.description = options.description
  }
}

export function isAuthError(value: unknown): value is AuthError {
  return value instanceof AuthError
}
