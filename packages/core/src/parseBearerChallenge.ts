export type TokenScheme = 'Bearer' | 'DPoP'

/** One challenge of a `WWW-Authenticate` header, as `parseBearerChallenge()` reads it. */
export interface BearerChallenge {
  /** `Bearer` (RFC 6750), or `DPoP` for a DPoP-bound token (RFC 9449 §7.1), which reads the same. */
  readonly scheme: TokenScheme
  /** The `error` parameter, such as `invalid_token` or `insufficient_scope`, if any. */
  readonly error: string | undefined
  /** The `error_description` parameter, if any. */
  readonly errorDescription: string | undefined
  /** The scopes the resource server says it needs (for `insufficient_scope`). */
  readonly scope: readonly string[]
}

/** One auth-param (`name=value`, the value a token or a quoted string), or else a scheme name that starts a challenge. */
const part = /([!#$%&'*+.^_`|~\w-]+)(\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*)))?/g

/**
 * Reads the `scheme` challenge of a `WWW-Authenticate` header (by default the first Bearer or DPoP
 * one), or null when there is none. A header may offer several challenges, each with its own
 * parameters (RFC 9110 §11.6.1).
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-7.1
 * @example
 * parseBearerChallenge('Bearer error="insufficient_scope", scope="orders:write"')
 * // { scheme: 'Bearer', error: 'insufficient_scope', errorDescription: undefined, scope: ['orders:write'] }
 */
export function parseBearerChallenge(header: string | null, scheme?: TokenScheme): BearerChallenge | null {
  if (!header) return null
  let found: { scheme: TokenScheme; params: Record<string, string> } | undefined
  let inFound = false
  for (const [, name = '', param, quoted, token] of header.matchAll(part)) {
    if (param === undefined) {
      if (found) break
      const named = (['Bearer', 'DPoP'] as const).find((candidate) => candidate.toLowerCase() === name.toLowerCase())
      inFound = named !== undefined && (scheme === undefined || named === scheme)
      if (inFound && named) found = { scheme: named, params: {} }
    } else if (inFound && found) {
      found.params[name.toLowerCase()] ??= (quoted ?? token ?? '').replace(/\\(.)/g, '$1')
    }
  }
  if (!found) return null
  const { params } = found
  return {
    scheme: found.scheme,
    error: params['error'],
    errorDescription: params['error_description'],
    scope: (params['scope'] ?? '').split(' ').filter(Boolean),
  }
}
