import type { AuthState } from './AuthState.js'
import type { DeviceAuthorization, DeviceLoginOptions } from './DeviceAuthorization.js'

/** How a sign-in runs: `redirect` leaves the page for the IdP; `popup` (needs `popup()`) keeps the page. */
export type LoginMode = 'redirect' | 'popup'
/**
 * How a sign-out runs: `redirect` and `popup` (needs `popup()`) also end the session at the IdP;
 * `local` forgets this app's session only.
 */
export type LogoutMode = 'redirect' | 'popup' | 'local'

/**
 * Options of `login()`. All are optional.
 *
 * @example
 * await auth.login({ mode: 'popup', returnTo: '/orders', scope: 'orders:write' })
 */
export interface LoginOptions {
  /** `redirect` (default) leaves the page; `popup` keeps it, and resolves once signed in. */
  mode?: LoginMode
  /** A path on this app to land on after sign-in. Defaults to the current page; anything off-origin becomes `/`. */
  returnTo?: string
  /**
   * Scopes to ask for on top of the configured ones and those the session already has (step-up), space-separated.
   * Default: none added.
   */
  scope?: string
  /** The OpenID Connect `prompt` parameter: `login` asks for the password again, `none` shows the user nothing. Default: not sent. */
  prompt?: 'none' | 'login' | 'consent' | 'select_account' | 'create'
  /** Who is signing in (`login_hint`), such as an email address, so the IdP can fill it in. Default: not sent. */
  loginHint?: string
  /** Seconds (`max_age`): the IdP asks the user to sign in again if the last sign-in is older. Default: not sent. */
  maxAge?: number
  /** Authentication context classes to ask for (`acr_values`), space-separated, such as a level that needs a second factor. Default: not sent. */
  acrValues?: string
  /** Languages for the IdP's pages (`ui_locales`), space-separated BCP 47 tags such as `de en`. Default: not sent. */
  uiLocales?: string
  /** More authorization request parameters for this sign-in only; those latchkey sets itself are refused with `config`. Default: none. */
  extraParams?: Readonly<Record<string, string>>
  /** Any JSON value, handed back by `getAppState()` after the sign-in (it never travels in the URL). Default: none. */
  appState?: unknown
}

/**
 * Options of `logout()`. All are optional.
 *
 * @example
 * await auth.logout({ mode: 'local' })
 */
export interface LogoutOptions {
  /** `redirect` (default) also ends the session at the IdP; `local` forgets this app's session only. */
  mode?: LogoutMode
  /** A path on this app to land on after the IdP's sign-out page. Default `/`. Without a trip to the IdP the page stays where it is. */
  returnTo?: string
  /** Revoke the tokens at the IdP first (RFC 7009). Default: the `revokeOnLogout` config, true unless set. */
  revoke?: boolean
}

/**
 * What a `logout()` did beyond ending this app's session, which it always does. An IdP without an
 * `end_session_endpoint` (django-oauth-toolkit, or one whose discovery leaves it out) cannot be asked
 * to end its own session: the sign-out then succeeds here with `idpSession: 'kept'`, and the next
 * sign-in may pass the IdP without a password. Tell the user so, or supply the endpoint with
 * `metadataSeed` where the IdP has one.
 */
export interface LogoutResult {
  /**
   * `ending`: the browser is on its way to the IdP's end-session endpoint (redirect mode).
   * `ended`: the IdP's sign-out page came back to the app (popup mode).
   * `kept`: the IdP session was not touched: `mode: 'local'`, or the IdP has no end-session endpoint.
   */
  idpSession: 'ending' | 'ended' | 'kept'
  /** Whether the IdP accepted the revocation (RFC 7009) of the refresh token, or of an opaque access token. */
  revoked: boolean
}

/**
 * Options of `getAccessToken()`. All are optional.
 *
 * @example
 * const token = await auth.getAccessToken({ resource: 'https://api.example.com' })
 */
export interface AccessTokenOptions {
  /**
   * Seconds the token must still be valid for; a token closer to expiry is renewed first. Default: a
   * tenth of the token's lifetime, at most 60, as early as the background renewal would renew it.
   */
  minValidity?: number
  /**
   * Scopes the token must carry. When the session lacks one, rejects with `insufficient_scope`: ask
   * the user with `login({ scope })` (or let `fetch` do it). Default: none beyond the session's.
   */
  scope?: string
  /** The API the token is for (RFC 8707); the IdP issues a token with that audience. Default: none, the session's own access token. */
  resource?: string
}

/** Options of one `auth.fetch()` call (its third argument). Both are optional. */
export interface AuthFetchOptions {
  /** Scopes the token must carry, as in `getAccessToken({ scope })`. Default: none beyond the session's. */
  scope?: string
  /** The API the token is for (RFC 8707), as in `getAccessToken({ resource })`. Default: the session's own access token. */
  resource?: string
}

/**
 * One sign-in lifecycle for one app. Framework-agnostic: React, router loaders and fetch wrappers all
 * read the same client.
 */
export interface AuthClient {
  /** The current snapshot; the same object until something changes. */
  getState(): AuthState
  /** Calls `listener` after each change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void
  /**
   * Completes a sign-in callback when the page is one, else restores the stored session. Idempotent:
   * every call returns the same promise, so a code is never redeemed twice. Never rejects: failures
   * land in `getState().error`.
   */
  start(): Promise<void>
  /** Leaves for the identity provider. Rejects with an AuthError (also kept in state) when it cannot. */
  login(options?: LoginOptions): Promise<void>
  /**
   * Ends the session in this app (and its tabs) at once, revokes the tokens where the IdP can, then
   * ends the IdP session as `mode` says, where the IdP has an end-session endpoint. Resolves with what
   * it did at the IdP; rejects (keeping the error in state) only when asking the IdP failed.
   */
  logout(options?: LogoutOptions): Promise<LogoutResult>
  /** A valid access token, renewed first when needed; concurrent callers share one renewal. */
  getAccessToken(options?: AccessTokenOptions): Promise<string>
  /**
   * The current access token without any I/O, or null when there is none or it has expired; for
   * rendering (`useAccessToken`). Changes are announced to `subscribe` listeners.
   */
  peekAccessToken(): string | null
  /**
   * With the fetch feature: `fetch` with the bearer token, sent only to the app's origin and the
   * origins `authFetch({ origins })` allows (any other origin rejects with `config`). On a 401 it
   * renews once and retries; on a 403 `insufficient_scope` it asks the user for the missing scopes
   * that `authFetch({ stepUpScopes })` allows (as `stepUp` says) and retries.
   */
  fetch(input: RequestInfo | URL, init?: RequestInit, options?: AuthFetchOptions): Promise<Response>
  /**
   * With the device code feature: starts a sign-in on another device (RFC 8628), for kiosks, TVs and
   * shared screens. Resolves once the IdP gave a code to show; its `signedIn` settles when the user
   * has approved, refused, or the code expired. Rejects with `config` when the IdP has no device
   * authorization endpoint.
   */
  loginWithDeviceCode(options?: DeviceLoginOptions): Promise<DeviceAuthorization>
  /** Renews the tokens now. */
  renew(): Promise<void>
  /** The `appState` passed to the `login()` that produced this session, if any. */
  getAppState(): unknown
  /** Stops listening to the page. */
  dispose(): void
}
