import { AuthError } from './AuthError.js'
import { dev } from './dev.js'

/**
 * An `invalid_scope` answer, which says only that some scope was refused, restated with the scopes
 * this sign-in asked for and those the IdP announces, so the fix is in the message. Anything else is
 * returned as it came.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1
 */
export function refusedScope(err: unknown, requested: string, supported: unknown, context: string): unknown {
  if (!(err instanceof Error) || (err as { error?: unknown }).error !== 'invalid_scope') return err
  // Said in production too: which scopes were asked for and announced is what a user's report needs.
  return new AuthError(
    'invalid_scope',
    `${context}: the identity provider refused the scope "${requested}" (invalid_scope${Array.isArray(supported) ? `; it announces ${supported.join(' ')}`.slice(0, 300) : ''}).${dev ? ' Set `scope` to scopes this client may have.' : ''}`,
    {
      description: (err as { error_description?: string }).error_description ?? undefined,
      cause: err,
    },
  )
}
