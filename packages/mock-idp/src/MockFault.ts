/**
 * Every fault the mock IdP can simulate. Several can be active at once.
 * - `token_endpoint_500`: the token endpoint answers 500 `{ error: 'server_error' }`.
 * - `refresh_invalid_grant`: a `refresh_token` grant answers 400 `{ error: 'invalid_grant' }`.
 * - `discovery_500`: the discovery document answers 500.
 * - `jwks_500`: the JWKS endpoint answers 500.
 * - `login_required`: every authorization request is sent back to its redirect URI with
 *   `error=login_required`.
 * - `slow_token`: the token endpoint answers only after 3 seconds (see `slowTokenDelayMs`).
 * - `stalled_token_body`: the token endpoint sends 200 and its headers (JSON, CORS as for a real
 *   answer), then the start of a body it never finishes, until the IdP closes. The code or refresh
 *   token is left untouched. For testing that a client's token request has a deadline that covers
 *   the body, not just the headers.
 * - `token_response_without_scope`: successful token responses leave out `scope`, which
 *   RFC 6749 §5.1 allows when it equals the scope requested.
 *
 * Each of the faults below makes one answer well-formed but wrong in exactly one way, so a client's
 * conformance can be shown check by check. The ID token ones apply to the ID token of every
 * successful token response, from the `authorization_code` and the `refresh_token` grant alike.
 * Where a claim is changed, the IdP signs the token again with its own key: only that claim is wrong.
 * - `id_token_wrong_issuer`: `iss` is another issuer, `https://other-issuer.example`.
 * - `id_token_wrong_audience`: `aud` is another client, `other-CLIENT_ID`.
 * - `id_token_azp_mismatch`: `aud` is still the client alone, but `azp` is another client, `other-CLIENT_ID`.
 * - `id_token_missing_iat`: no `iat`.
 * - `id_token_missing_sub`: no `sub`.
 * - `id_token_expired`: `exp` is an hour ago; `iat` moves back with it, keeping the lifetime.
 * - `id_token_invalid_nonce`: `nonce` is another random value.
 * - `id_token_alg_none`: an unsecured JWT: header `{"alg":"none"}` and an empty signature.
 * - `id_token_bad_signature`: the signature's first byte is altered; header and claims are as usual.
 * - `id_token_key_rotated`: the ID token is signed with a second key, created the first time it is
 *   needed; while the fault is active the JWKS lists it after the usual key. A client that fetches
 *   the JWKS again on an unknown `kid` still signs in.
 * - `userinfo_wrong_sub`: the userinfo endpoint answers another `sub`, `other-SUB`.
 * - `discovery_issuer_mismatch`: the discovery document's `issuer` has a `/` appended; the
 *   endpoints in it are unchanged and keep working.
 * - `authorization_response_wrong_iss`: the `iss` parameter of the authorization response (RFC 9207)
 *   is another issuer, `https://other-issuer.example`; `code` and `state` are as usual.
 *
 * Each of these makes the IdP look like a less complete one, in one way; the endpoints keep working.
 * - `discovery_without_end_session`: discovery has no `end_session_endpoint`.
 * - `discovery_without_revocation`: discovery has no `revocation_endpoint`.
 * - `discovery_without_iss_parameter`: discovery has no `authorization_response_iss_parameter_supported`.
 * - `discovery_without_refresh_grant`: discovery's `grant_types_supported` lacks `refresh_token`.
 * - `discovery_pkce_plain_only`: discovery's `code_challenge_methods_supported` is `["plain"]`.
 * - `discovery_id_token_hs256_only`: discovery's `id_token_signing_alg_values_supported` is `["HS256"]`.
 * - `offline_access_unsupported`: discovery's `scopes_supported` lacks `offline_access`, and an
 *   authorization request that asks for it is sent back with `error=invalid_scope`.
 * - `date_header_ahead`: every response's `Date` header is ten minutes ahead, as from an IdP whose
 *   clock is wrong (the tokens' times are not changed).
 *
 * Each of these answers a device code poll (RFC 8628 §3.5, grant type
 * `urn:ietf:params:oauth:grant-type:device_code`) in place of the token endpoint, whatever the user
 * did; without them a poll answers `authorization_pending` until the user approves, as usual.
 * - `device_slow_down`: 400 `{ error: 'slow_down' }`: the client must add 5 seconds to its interval.
 * - `device_access_denied`: 400 `{ error: 'access_denied' }`, as when the user refused.
 * - `device_expired_token`: 400 `{ error: 'expired_token' }`, as when the device code expired.
 *
 * With several token endpoint faults active, `slow_token` delays first; then `token_endpoint_500`,
 * `refresh_invalid_grant` and `stalled_token_body` answer, the first of them that applies.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 * @see https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation
 * @see https://www.rfc-editor.org/rfc/rfc9207
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.5
 */
export const mockFaults = [
  'token_endpoint_500',
  'refresh_invalid_grant',
  'discovery_500',
  'jwks_500',
  'login_required',
  'slow_token',
  'stalled_token_body',
  'token_response_without_scope',
  'id_token_wrong_issuer',
  'id_token_wrong_audience',
  'id_token_azp_mismatch',
  'id_token_missing_iat',
  'id_token_missing_sub',
  'id_token_expired',
  'id_token_invalid_nonce',
  'id_token_alg_none',
  'id_token_bad_signature',
  'id_token_key_rotated',
  'userinfo_wrong_sub',
  'discovery_issuer_mismatch',
  'authorization_response_wrong_iss',
  'discovery_without_end_session',
  'discovery_without_revocation',
  'discovery_without_iss_parameter',
  'discovery_without_refresh_grant',
  'discovery_pkce_plain_only',
  'discovery_id_token_hs256_only',
  'offline_access_unsupported',
  'date_header_ahead',
  'device_slow_down',
  'device_access_denied',
  'device_expired_token',
] as const;

/** The name of a fault the mock IdP can simulate; see {@link mockFaults}. */
export type MockFault = (typeof mockFaults)[number];

export function isMockFault(value: unknown): value is MockFault {
  return typeof value === 'string' && (mockFaults as readonly string[]).includes(value);
}
