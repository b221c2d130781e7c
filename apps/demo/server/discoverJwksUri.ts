import { ApiError } from './ApiError.js'

/** Long enough for a busy local IdP, short enough that a request does not hang on a dead one. */
const timeoutMs = 5000

/**
 * Reads the IdP's `jwks_uri` from its discovery document. Any failure is an `ApiError`
 * (`temporarily_unavailable`): the API cannot check tokens yet, but the next request may.
 *
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig
 */
export async function discoverJwksUri(issuer: string): Promise<URL> {
  const discoveryUrl = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`
  const unavailable = (reason: string, cause?: unknown) =>
    new ApiError('temporarily_unavailable', `The identity provider's discovery document ${discoveryUrl} ${reason}.`, { cause })

  let response: Response
  try {
    response = await fetch(discoveryUrl, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) })
  } catch (cause) {
    throw unavailable('could not be fetched', cause)
  }
  if (response.status !== 200) {
    await response.body?.cancel()
    throw unavailable(`answered ${response.status}`)
  }
  let document: unknown
  try {
    document = await response.json()
  } catch (cause) {
    throw unavailable('is not JSON', cause)
  }
  if (typeof document !== 'object' || document === null) throw unavailable('is not a JSON object')
  const { issuer: announced, jwks_uri: jwksUri } = document as Record<string, unknown>
  // OpenID Connect Discovery §4.3: a document for another issuer must not be used.
  if (announced !== issuer) throw unavailable(`names the issuer ${JSON.stringify(announced)}, not ${issuer}`)
  const url = typeof jwksUri === 'string' ? URL.parse(jwksUri) : null
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw unavailable(`has no usable jwks_uri (${JSON.stringify(jwksUri)})`)
  }
  return url
}
