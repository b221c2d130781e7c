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
 * With several token endpoint faults active, `slow_token` delays first; then `token_endpoint_500`,
 * `refresh_invalid_grant` and `stalled_token_body` answer, the first of them that applies.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
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
] as const;

/** The name of a fault the mock IdP can simulate; see {@link mockFaults}. */
export type MockFault = (typeof mockFaults)[number];

export function isMockFault(value: unknown): value is MockFault {
  return typeof value === 'string' && (mockFaults as readonly string[]).includes(value);
}
