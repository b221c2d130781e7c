import type { OidcMetadata } from 'oidc-client-ts'

/**
 * An OpenID Provider's discovery document (OpenID Connect Discovery §3), or some of its fields.
 * latchkey reads `issuer`, the endpoints, `scopes_supported`, `code_challenge_methods_supported`,
 * `id_token_signing_alg_values_supported` and `authorization_response_iss_parameter_supported`.
 *
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata
 */
export interface IdpMetadata extends Partial<OidcMetadata> {
  /** RFC 9207: the IdP puts `iss` in every authorization response, and latchkey then requires it. */
  authorization_response_iss_parameter_supported?: boolean
}
