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
  // Inline, not in a helper: a bundler drops a dead branch's text, but keeps a function it calls.
  return new AuthError(
    'invalid_scope',
    dev
      ? `${context}: the identity provider refused the scope "${requested}" (invalid_scope${Array.isArray(supported) ? `; it announces ${supported.join(' ')}`.slice(0, 300) : ''}). Set \`scope\` to scopes this client may have.`
      : `${context}: invalid_scope`,
    {
      description: (err as { error_description?: string }).error_description ?? undefined,
      cause: err,
    },
  )
}
