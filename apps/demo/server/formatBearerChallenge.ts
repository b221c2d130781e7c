export interface BearerChallenge {
  /** `DPoP` for a request that used, or had to use, a DPoP-bound token (RFC 9449 §7.1). Default `Bearer`. */
  scheme?: 'Bearer' | 'DPoP'
  /** Left out when the request carried no token at all (RFC 6750 §3.1). */
  error?: 'invalid_request' | 'invalid_token' | 'invalid_dpop_proof' | 'insufficient_scope'
  errorDescription?: string
  /** The scope the resource needs, for `insufficient_scope`. */
  scope?: string
}

/** The only algorithm latchkey's browser clients sign DPoP proofs with. */
const dpopAlgorithms = 'ES256'

/**
 * A `WWW-Authenticate` value for the Bearer or the DPoP scheme: `Bearer realm="…", error="…", …`,
 * or `DPoP realm="…", algs="ES256", error="…", …`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-7.1
 */
export function formatBearerChallenge(realm: string, { scheme = 'Bearer', error, errorDescription, scope }: BearerChallenge = {}): string {
  const params: [string, string][] = [['realm', realm]]
  if (scheme === 'DPoP') params.push(['algs', dpopAlgorithms])
  if (error !== undefined) params.push(['error', error])
  if (errorDescription !== undefined) params.push(['error_description', errorDescription])
  if (scope !== undefined) params.push(['scope', scope])
  return `${scheme} ${params.map(([name, value]) => `${name}="${toQuotableText(value)}"`).join(', ')}`
}

/**
 * RFC 6750 allows only printable ASCII without `"` and `\` inside these quoted strings, and has no
 * escapes, so anything else is replaced rather than escaped.
 */
function toQuotableText(text: string): string {
  return text.replaceAll('"', "'").replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?')
}
