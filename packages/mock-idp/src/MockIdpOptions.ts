import type { MockUser } from './MockUser.js';

/**
 * A public client (a single-page app): no secret, Authorization Code with PKCE S256,
 * refresh tokens with rotation (unless `refreshTokens` is false).
 */
export interface MockClient {
  /** The client id the app sends (`client_id`). */
  clientId: string;
  /** Absolute http(s) URLs the IdP may send the authorization response to. */
  redirectUris: readonly string[];
  /**
   * Absolute http(s) URLs the IdP may send the browser to after RP-initiated logout.
   * Default: the origin of each redirect URI, with and without a trailing `/`.
   */
  postLogoutRedirectUris?: readonly string[];
  /**
   * Default true. False: the client gets no refresh token (and may not use the `refresh_token`
   * grant), so it must renew the way such browser clients do, with `prompt=none` in a hidden iframe.
   */
  refreshTokens?: boolean;
}

/** The API the access tokens are issued for: they are JWTs with this `aud`. */
export interface MockApi {
  /** The resource indicator and `aud` of the access tokens, e.g. `urn:latchkey:api`. */
  audience: string;
  /** Scopes the API knows; requested ones end up in the access token's `scope`. */
  scopes: readonly string[];
}

/**
 * `auto`: the grant is given right after login, without a consent page (unless the client asks
 * with `prompt=consent`). `prompt`: a consent page with Allow and Deny is shown.
 */
export type MockConsentMode = 'auto' | 'prompt';

/** Options of `createMockIdp()`. Only `clients` is required. */
export interface MockIdpOptions {
  /** Port on 127.0.0.1. Default 0: a free port, see `MockIdp.port`. */
  port?: number;
  /** Default: `http://127.0.0.1:${port}`. Must be an http(s) origin; the IdP serves from its root. */
  issuer?: string;
  /** The apps that may sign in; at least one. Required. */
  clients: readonly MockClient[];
  /** Default: {@link defaultUsers}. */
  users?: readonly MockUser[];
  /** Seconds. Default 300. */
  accessTokenTtl?: number;
  /** Seconds. Default 300. */
  idTokenTtl?: number;
  /** Seconds each refresh token lives from its issue; rotation issues a fresh one. Default 3600. */
  refreshTokenTtl?: number;
  /** Seconds the IdP's sign-in session lives. Default 86400. */
  sessionTtl?: number;
  /** Default `auto`. */
  consent?: MockConsentMode;
  /** How long the `slow_token` fault holds a token response, in milliseconds. Default 3000. */
  slowTokenDelayMs?: number;
  /** Default: `{ audience: 'urn:latchkey:api', scopes: ['orders:read', 'orders:write'] }`. */
  api?: MockApi;
  /**
   * Default false. True: every page, redirect and authorization endpoint response carries
   * `Cross-Origin-Opener-Policy: same-origin`, as real IdPs send, which cuts `window.opener` of a
   * popup the app opened. Switch it later with `MockIdp.setCoop`.
   */
  coop?: boolean;
}
