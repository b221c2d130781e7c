import { AuthError } from './AuthError.js'
import { dev } from './dev.js'
import type { IdpMetadata } from './IdpMetadata.js'

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Whether `url` may carry tokens: https, or plain http to this machine only. */
export function isSafeUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname))
}

/**
 * Checks metadata the app supplies itself (`metadata`, `metadataSeed`): every endpoint an absolute
 * https URL (http on loopback), and an `issuer`, where given, equal to the authority, since tokens
 * are checked against it. A typo here would otherwise surface as a failed sign-in far from its cause.
 */
export function checkMetadata(metadata: IdpMetadata | undefined, option: 'metadata' | 'metadataSeed', authority: string): void {
  if (metadata === undefined) return
  const fail = (message: string) => new AuthError('config', `latchkey config: ${option}${message}`)
  const required = option === 'metadata' ? ['issuer', 'authorization_endpoint', 'token_endpoint'] : []
  for (const [field, value] of Object.entries({ ...Object.fromEntries(required.map((name) => [name, null])), ...metadata })) {
    if (value === null) throw fail(` lacks ${field}${dev ? ", which a whole discovery document needs. To add or correct a few fields of the IdP's document, use metadataSeed." : ''}`)
    if (field === 'issuer' && value !== authority) throw fail(`.issuer ${dev ? `"${String(value)}" ` : ''}differs from authority${dev ? ` "${authority}"; they must be equal.` : ''}`)
    if (!/_(endpoint|uri)$/.test(field)) continue
    let url: URL | undefined
    try {
      url = new URL(String(value))
    } catch {
      // reported below
    }
    if (!url || !isSafeUrl(url)) throw fail(`.${field} "${String(value)}" must be an absolute https URL${dev ? ' (http only on localhost)' : ''}.`)
  }
}
