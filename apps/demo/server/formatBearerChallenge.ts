export interface BearerChallenge {
  /** Left out when the request carried no token at all (RFC 6750 §3.1). */
  error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope'
  errorDescription?: string
  /** The scope the resource needs, for `insufficient_scope`. */
  scope?: string
}

/**
 * A `WWW-Authenticate` value for the Bearer scheme: `Bearer realm="…", error="…", …`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
export function formatBearerChallenge(realm: string, { error, errorDescription, scope }: BearerChallenge = {}): string {
  const params: [string, string][] = [['realm', realm]]
  if (error !== undefined) params.push(['error', error])
  if (errorDescription !== undefined) params.push(['error_description', errorDescription])
  if (scope !== undefined) params.push(['scope', scope])
  return `Bearer ${params.map(([name, value]) => `${name}="${toQuotableText(value)}"`).join(', ')}`
}

/**
 * RFC 6750 allows only printable ASCII without `"` and `\` inside these quoted strings, and has no
 * escapes, so anything else is replaced rather than escaped.
 */
function toQuotableText(text: string): string {
  return text.replaceAll('"', "'").replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?')
}
