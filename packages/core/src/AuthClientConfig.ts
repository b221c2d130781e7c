import type { AuthFeature } from './AuthFeature.js'
import type { IdpMetadata } from './IdpMetadata.js'

/** Where the session (tokens and profile) is kept between page loads. */
export type SessionStorageKind = 'session' | 'local' | 'memory'

/**
 * Options of `createAuthClient()`. Only `authority` and `clientId` are required; each other option
 * names its default. A bad value throws an `AuthError` with code `config` that says what to change.
 *
 * @example
 * const auth = createAuthClient({ authority: 'https://idp.example.com', clientId: 'spa', storage: 'memory' })
 */
export interface AuthClientConfig {
  /** The OpenID Provider's issuer URL, e.g. `https://idp.example.com`. Must be https except on localhost. Required. */
  authority: string
  /** The public client's id, as registered at the identity provider. Required. */
  clientId: string
  /** Where the identity provider sends the user back: a path on this app (`/callback`, the default) or an absolute URL on the same origin. */
  redirectUri?: string
  /** Where the identity provider sends the user after sign-out: a path or a same-origin URL. Default `/`. */
  postLogoutRedirectUri?: string
  /**
   * The page that ends a popup sign-in or sign-out and a silent renewal. Default: `redirectUri`, the
   * app's own page: the app loaded there sees the answer is for another window (its `state` is marked
   * `;latchkey-relay`), hands it over and closes, before it renders anything (`<AuthProvider>` shows
   * its `callbackFallback`). For speed, a static page that only calls `relayAuthCallback()`, such as
   * `/popup-callback.html`, does the same without loading the app; register it at the IdP too.
   */
  popupRedirectUri?: string
  /**
   * What the app adds beyond redirect sign-in, session restore and renewal by refresh token; an app
   * bundles only what it adds. `popup()`, `tabSync()`, `silentRenewal()`, `authFetch()`, `idTokenSignature()`, `dpop()`, `idleTimeout()`, each from
   * `@latchkey/core/<feature>`. Default none.
   *
   * @example
   * features: [popup(), tabSync(), authFetch()]
   */
  features?: readonly AuthFeature[]
  /** With the popup feature, when the browser blocks the popup: reject with `popup_blocked` (default) or sign in by redirect instead. */
  popupFallback?: 'reject' | 'redirect'
  /** How `fetch` asks the user for a scope an API says is missing (403 insufficient_scope). Default `popup` with the popup feature, else `redirect`. */
  stepUp?: 'popup' | 'redirect'
  /** Renew tokens ahead of expiry in the background. Default true. */
  autoRenew?: boolean
  /**
   * Revoke the refresh token (and an opaque access token; a JWT one just expires) at the IdP on logout,
   * when it has a revocation endpoint (RFC 7009). Default true.
   */
  revokeOnLogout?: boolean
  /**
   * Default `openid profile email offline_access`, without `offline_access` when the IdP's discovery
   * lists `scopes_supported` and it is not among them. A scope set here is sent as it is. `openid` is
   * always added.
   */
  scope?: string
  /**
   * The IdP's whole discovery document, for an IdP that publishes none the browser may read: then it
   * is never fetched. Its `issuer` must equal `authority`; it needs at least `authorization_endpoint`
   * and `token_endpoint`. Endpoints are absolute https URLs (http only on localhost). To add or
   * correct a few fields of a document the IdP does publish, use `metadataSeed`. Default: none (the
   * document is fetched from the authority's discovery URL).
   */
  metadata?: IdpMetadata
  /**
   * Fields that fill in or override the IdP's discovery document, for an IdP that leaves one out:
   * e.g. `{ revocation_endpoint: 'https://idp.example.com/o/revoke_token/' }` for django-oauth-toolkit,
   * or `end_session_endpoint` for Amazon Cognito. Checked like `metadata`. Default: none.
   */
  metadataSeed?: IdpMetadata
  /**
   * Default `session` (per tab, gone when the tab closes). `memory` keeps nothing across reloads.
   * `local` (shared by the tabs, kept across restarts) needs the tab sync feature.
   */
  storage?: SessionStorageKind
  /**
   * With the tab sync feature: one session for all of this app's tabs, so a sign-in in one signs in
   * the others and a new tab starts signed in (handed over by an open tab with `session` storage).
   * Default true, false with `memory`. Needs Web Locks, BroadcastChannel and IndexedDB; without them
   * each tab keeps its own session (and `local` storage acts as `session`), so that a refresh token is
   * never shared without a lock. Sign-out reaches every tab either way.
   */
  shareSession?: boolean
  /** Seconds each request to the identity provider may take, response body included. Default 10. */
  requestTimeoutSeconds?: number
  /**
   * Seconds this device's clock may differ from the identity provider's when ID token times (`iat`,
   * `exp`, `auth_time`) are checked. Default 300. Raise it for kiosks and other devices whose clock
   * drifts; a token refused for its times says the device clock may be wrong.
   */
  clockSkewSeconds?: number
  /**
   * Fetch the userinfo endpoint after sign-in and merge its claims. Default false: the ID token usually
   * carries them, and it costs a round trip. Not with `dpop()`: userinfo gets a bearer token.
   */
  loadUserInfo?: boolean
  /** Extra parameters for every authorization request; those latchkey sets itself (`state`, `scope`, `redirect_uri`, PKCE…) are refused. Default none. */
  extraQueryParams?: Readonly<Record<string, string>>
  /** How to leave the app for the identity provider. Defaults to `window.location.assign`; override for embedded webviews or tests. */
  navigate?: (url: string) => void
  /**
   * Accepted only to be rejected with a message that explains the alternative: a browser app uses the
   * authorization code flow with PKCE (`code`). Default `code`, the only value accepted.
   */
  responseType?: string
}
