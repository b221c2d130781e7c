export interface BearerChallenge {
  readonly error: string | undefined
  readonly errorDescription: string | undefined
  /** The scopes the resource server says it needs (for `insufficient_scope`). */
  readonly scope: readonly string[]
}

/**
 * Reads the Bearer challenge of a `WWW-Authenticate` header, or null when there is none.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
export function parseBearerChallenge(header: string | null): BearerChallenge | null {
  if (!header) return null
  const match = /(?:^|,\s*)Bearer\b(.*)$/i.exec(header)
  if (!match) return null
  const params: Record<string, string> = {}
  const paramPattern = /([a-zA-Z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g
  for (const [, name = '', quoted, token] of (match[1] ?? '').matchAll(paramPattern)) {
    // A new scheme starts after a comma with no "="; params of the Bearer scheme come first.
    params[name.toLowerCase()] ??= (quoted ?? token ?? '').replace(/\\(.)/g, '$1')
  }
  return {
    error: params['error'],
    errorDescription: params['error_description'],
    scope: (params['scope'] ?? '').split(' ').filter(Boolean),
  }
}
