import { decodeJwtPart } from './decodeJwtPayload.js'
import { dev } from './dev.js'

/** An OAuth error response (RFC 6749 §5.2), in the shape toAuthError reads. */
export function oauthError(error: string, description?: unknown): Error {
  const text = typeof description === 'string' ? description : null
  return Object.assign(new Error(text ?? error), { name: 'ErrorResponse', error, error_description: text })
}

/**
 * Sends `request` to the IdP and reads its JSON answer. An answer in error becomes an OAuth error when
 * it names one, else an Error with the status. A userinfo endpoint may answer with a JWT
 * (`application/jwt`, OpenID Connect Core §5.3.2): its claims are read, unverified, as the JSON is.
 */
export async function requestJson(
  url: string,
  init: RequestInit = { headers: { Accept: 'application/json' } },
  send: (url: string, init: RequestInit) => Promise<Response> = (url, init) => fetch(url, init),
): Promise<Record<string, unknown>> {
  const response = await send(url, init)
  const type = response.headers.get('Content-Type') ?? ''
  const text = await response.text()
  let body: unknown
  try {
    body = response.ok && type.startsWith('application/jwt') ? decodeJwtPart(text, 1) : JSON.parse(text)
  } catch {
    body = null
  }
  const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null
  if (!response.ok) {
    if (typeof fields?.['error'] === 'string') throw oauthError(fields['error'], fields['error_description'])
    throw new Error(`HTTP ${response.status}${dev ? ` from ${response.url}` : ''}`)
  }
  if (!fields) throw new Error(dev ? `${response.url} answered ${type || 'something'} that is not a JSON object` : 'Not JSON')
  return fields
}
