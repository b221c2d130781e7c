/**
 * Every fault the mock IdP can simulate. Several can be active at once.
 * - `token_endpoint_500`: the token endpoint answers 500 `{ error: 'server_error' }`.
 * - `refresh_invalid_grant`: a `refresh_token` grant answers 400 `{ error: 'invalid_grant' }`.
 * - `discovery_500`: the discovery document answers 500.
 * - `jwks_500`: the JWKS endpoint answers 500.
 * - `login_required`: every authorization request is sent back to its redirect URI with
 *   `error=login_required`.
 * - `slow_token`: the token endpoint answers only after 3 seconds (see `slowTokenDelayMs`).
 */
export const mockFaults = [
  'token_endpoint_500',
  'refresh_invalid_grant',
  'discovery_500',
  'jwks_500',
  'login_required',
  'slow_token',
] as const;

/** The name of a fault the mock IdP can simulate; see {@link mockFaults}. */
export type MockFault = (typeof mockFaults)[number];

export function isMockFault(value: unknown): value is MockFault {
  return typeof value === 'string' && (mockFaults as readonly string[]).includes(value);
}
