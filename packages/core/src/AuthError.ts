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
  | 'cancelled'
  | 'device_code_expired'
  | 'network'
  | 'timeout'
  | 'refresh_failed'
  | 'idp_error'
  | 'storage'
  | 'idle_timeout'
  | 'unknown'

/** The optional parts of an `AuthError`. */
export interface AuthErrorOptions {
  /** The identity provider's `error_description`, when it sent one. Default: none. */
  description?: string | undefined
  /** What led to it: the underlying error, kept for debugging. Default: none. */
  cause?: unknown
}

/**
 * The one error class of latchkey: `login()`, `getAccessToken()` and the other calls reject with it,
 * and `getState().error` holds the last one. Branch on `code`; show `message`.
 *
 * @example
 * try {
 *   await auth.login({ mode: 'popup' })
 * } catch (error) {
 *   if (isAuthError(error) && error.code === 'popup_blocked') await auth.login()
 * }
 */
export class AuthError extends Error {
  /** Always `AuthError`. */
  override readonly name = 'AuthError'
  /** What failed, from a fixed list: stable, for program logic. */
  readonly code: AuthErrorCode
  /** The identity provider's `error_description`, when it sent one (bounded in length). */
  readonly description: string | undefined

  /**
   * @param message What failed and what to do, for people. latchkey's own checks explain in
   * development builds and pass `''` in production ones (`process.env.NODE_ENV`), as React does: the
   * message is then the code.
   */
  constructor(code: AuthErrorCode, message: string, options: AuthErrorOptions = {}) {
    super(message || code, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.description = options.description
  }
}

/**
 * True when `value` is an `AuthError`: check it in a `catch` before reading `code`.
 *
 * @example
 * auth.getAccessToken().catch((error: unknown) => {
 *   if (isAuthError(error) && error.code === 'insufficient_scope') return auth.login({ scope: 'orders:write' })
 *   throw error
 * })
 */
export function isAuthError(value: unknown): value is AuthError {
  return value instanceof AuthError
}
