import { OidcClient, WebStorageStateStore, type RefreshState, type SigninResponse } from 'oidc-client-ts'
import type { AccessTokenOptions, AuthClient, AuthFetchOptions, LoginOptions, LogoutOptions } from './AuthClient.js'
import type { AuthClientConfig } from './AuthClientConfig.js'
import { AuthError } from './AuthError.js'
import { initialAuthState, type AuthState, type AuthUser, type UserProfile } from './AuthState.js'
import { waitForCallback } from './callbackChannel.js'
import { createSessionStore, type Session, type SessionStore } from './createSessionStore.js'
import { createStore, type Store } from './createStore.js'
import { loadCachedMetadata, saveCachedMetadata } from './metadataCache.js'
import { parseBearerChallenge } from './parseBearerChallenge.js'
import { openPopup, popupBlockedError, watchPopupClosed } from './popupWindow.js'
import { renewalDelay, retryDelay } from './renewalDelay.js'
import { resolveConfig, type ResolvedConfig } from './resolveConfig.js'
import { sanitizeReturnTo } from './sanitizeReturnTo.js'
import { renewInIframe, silentRenewalRefused } from './silentRenewal.js'
import { toAuthError } from './toAuthError.js'
import { verifyIdTokenClaims } from './verifyIdTokenClaims.js'
import { verifyResponseIssuer } from './verifyResponseIssuer.js'

/** Round-tripped through the IdP inside oidc-client-ts's stored state, never in the URL. */
interface LoginState {
  returnTo: string
  appState?: unknown
}

/** What one tab tells the others on the session channel. */
interface SessionMessage {
  type: 'latchkey:logout'
  key: string
}

const protocolClaims = ['iss', 'aud', 'exp', 'iat', 'nbf', 'jti', 'auth_time', 'nonce', 'acr', 'amr', 'azp', 'at_hash', 'c_hash', 's_hash', 'sid']

/**
 * Redemptions under way in this document, by callback URL. Two clients built for the same page (React
 * StrictMode builds state twice) then share one token request instead of racing for the code.
 */
const callbacksInFlight = new Map<string, Promise<SigninResponse>>()

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}

function toProfile(claims: Record<string, unknown>): UserProfile {
  const profile: Record<string, unknown> = { ...claims }
  for (const claim of protocolClaims) delete profile[claim]
  return profile as unknown as UserProfile
}

function toUser(session: Session): AuthUser {
  return Object.freeze({ profile: session.profile, scopes: session.scopes, expiresAt: session.expiresAt })
}

function readLoginState(userState: unknown, origin: string): LoginState {
  const state = userState as Partial<LoginState> | null | undefined
  return { returnTo: sanitizeReturnTo(state?.returnTo, origin), appState: state?.appState }
}

function replaceUrl(path: string): void {
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`
  if (here === path) return
  window.history.replaceState(window.history.state, '', path)
  // Routers (React Router, TanStack Router, wouter) follow popstate; replaceState alone would leave them on the callback route.
  window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }))
}

function currentPath(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`
}

function isTransient(error: AuthError): boolean {
  return error.code === 'network' || error.code === 'timeout'
}

function scopesOf(scope: string | undefined): string[] {
  return (scope ?? '').split(' ').filter(Boolean)
}

class LatchkeyClient implements AuthClient {
  readonly #config: ResolvedConfig
  readonly #oidc: OidcClient
  readonly #sessions: SessionStore
  readonly #store: Store<AuthState>
  readonly #key: string
  readonly #logoutReturnKey: string
  readonly #sessionChannel: BroadcastChannel | undefined
  /** Tokens for other resources (RFC 8707), by resource; they live as long as the page. */
  readonly #resourceTokens = new Map<string, { accessToken: string; expiresAt: number }>()
  #started: Promise<void> | undefined
  #renewing: Promise<Session> | undefined
  #renewalTimer: ReturnType<typeof setTimeout> | undefined
  #failedRenewals = 0
  #appState: unknown
  #running = false
  #disposed = false
  /** Popup results being redeemed, by callback URL: the race in #loginByPopup reaches each twice. */
  readonly #popupResults = new Map<string, Promise<void>>()

  constructor(config: ResolvedConfig) {
    this.#config = config
    this.#key = `latchkey:${config.clientId}@${config.authority}`
    this.#sessions = createSessionStore(config.storage, `${this.#key}:session`)
    this.#logoutReturnKey = `${this.#key}:logout-return`
    this.#sessionChannel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('latchkey:session')
    const cachedMetadata = loadCachedMetadata(`${this.#key}:metadata`, config.authority)
    this.#oidc = new OidcClient({
      ...(cachedMetadata && { metadata: cachedMetadata }),
      authority: config.authority,
      client_id: config.clientId,
      redirect_uri: config.redirectUri,
      post_logout_redirect_uri: config.postLogoutRedirectUri,
      response_type: 'code',
      response_mode: 'query',
      scope: config.scope,
      loadUserInfo: config.loadUserInfo,
      extraQueryParams: { ...config.extraQueryParams },
      requestTimeoutInSeconds: 10,
      // The PKCE verifier must outlive the trip to the IdP whatever `storage` says, and a popup's
      // result is redeemed by its opener, so pending sign-ins go to localStorage. They hold no
      // tokens and expire after 15 minutes.
      stateStore: new WebStorageStateStore({ prefix: `${this.#key}:pending:`, store: window.localStorage }),
      staleStateAgeInSeconds: 900,
    })
    this.#store = createStore(this.#initialState())
  }

  /**
   * A stored, unexpired session is known without any I/O, so the first render already shows the user
   * instead of a loading flash; only a callback or an expired session needs `start()` to settle.
   */
  #initialState(): AuthState {
    if (this.#isSigninCallback(window.location.href)) return initialAuthState
    const session = this.#sessions.load()
    if (session && session.expiresAt > Date.now()) return this.#authenticated(session, null)
    if (session?.refreshToken) return initialAuthState
    return Object.freeze({ status: 'anonymous', user: null, error: null, pending: null })
  }

  getState = (): AuthState => this.#store.get()

  subscribe = (listener: () => void): (() => void) => this.#store.subscribe(listener)

  getAppState = (): unknown => this.#appState

  start(): Promise<void> {
    this.#started ??= this.#run()
    return this.#started
  }

  login(options: LoginOptions = {}): Promise<void> {
    const mode = options.mode ?? 'redirect'
    if (mode !== 'redirect' && mode !== 'popup') {
      return Promise.reject(new AuthError('config', `login mode "${String(mode)}" is not supported; use "redirect" or "popup".`))
    }
    if (mode === 'popup') {
      // Opened before anything is awaited: the browser allows a popup only within the click's task.
      const popup = openPopup()
      if (!popup) {
        if (this.#config.popupFallback === 'redirect') return this.#loginByRedirect(options)
        const error = popupBlockedError()
        this.#update({ error })
        return Promise.reject(error)
      }
      return this.#loginByPopup(popup, options)
    }
    return this.#loginByRedirect(options)
  }

  async #loginByRedirect(options: LoginOptions): Promise<void> {
    this.#update({ pending: 'login', error: null })
    try {
      const request = await this.#createSigninRequest(options, this.#config.redirectUri)
      this.#config.navigate(request.url)
    } catch (err) {
      throw this.#fail(err, 'Could not start sign-in')
    }
  }

  async #loginByPopup(popup: Window, options: LoginOptions): Promise<void> {
    this.#update({ pending: 'login', error: null })
    let watch: ReturnType<typeof watchPopupClosed> | undefined
    try {
      const request = await this.#createSigninRequest(options, this.#config.popupRedirectUri)
      const callback = waitForCallback(request.state.id)
      // Stop listening once the pending sign-in could no longer be redeemed anyway.
      setTimeout(() => callback.cancel(), 15 * 60_000)
      popup.location.href = request.url
      watch = watchPopupClosed(popup)
      // A result that arrives after the popup counted as closed (a popup left behind, then finished) still signs in.
      void callback.result.then((url) => this.#completePopupSignin(url))
      await Promise.race([callback.result, watch.closed])
      await this.#completePopupSignin(await callback.result)
      const error = this.getState().error
      if (error) throw error
    } catch (err) {
      throw this.#fail(err, 'Popup sign-in failed')
    } finally {
      watch?.stop()
      if (!popup.closed) popup.close()
    }
  }

  /** Redeems a popup's callback once, however many paths reach it. */
  #completePopupSignin(url: string): Promise<void> {
    let completion = this.#popupResults.get(url)
    if (!completion) {
      completion = this.#redeem(url).then(
        () => undefined,
        (err: unknown) => {
          this.#update({ pending: null, error: toAuthError(err, 'Popup sign-in failed') })
        },
      )
      this.#popupResults.set(url, completion)
    }
    return completion
  }

  /** The discovery document, fetched at most once per hour per tab (see metadataCache). */
  async #metadata() {
    const metadata = await this.#oidc.metadataService.getMetadata()
    saveCachedMetadata(`${this.#key}:metadata`, metadata)
    return metadata
  }

  async #createSigninRequest(options: LoginOptions, redirectUri: string) {
    await this.#metadata()
    const loginState: LoginState = {
      returnTo: sanitizeReturnTo(options.returnTo ?? currentPath(), this.#config.origin),
      ...(options.appState !== undefined && { appState: options.appState }),
    }
    return this.#oidc.createSigninRequest({
      state: loginState,
      nonce: crypto.randomUUID(),
      redirect_uri: redirectUri,
      ...(options.scope !== undefined && { scope: [...new Set(['openid', ...scopesOf(options.scope)])].join(' ') }),
      ...(options.prompt !== undefined && { prompt: options.prompt }),
      ...(options.loginHint !== undefined && { login_hint: options.loginHint }),
      ...(options.maxAge !== undefined && { max_age: options.maxAge }),
      ...(options.acrValues !== undefined && { acr_values: options.acrValues }),
      ...(options.uiLocales !== undefined && { ui_locales: options.uiLocales }),
      extraQueryParams: { ...this.#config.extraQueryParams, ...options.extraParams },
    })
  }

  async logout(options: LogoutOptions = {}): Promise<void> {
    const mode = options.mode ?? 'redirect'
    const session = this.#sessions.load()
    this.#forgetSession()
    this.#store.set(Object.freeze({ status: 'anonymous', user: null, error: null, pending: mode === 'local' ? null : 'logout' }))
    this.#sessionChannel?.postMessage({ type: 'latchkey:logout', key: this.#key } satisfies SessionMessage)
    const popup = mode === 'popup' ? openPopup() : undefined
    try {
      if (session && (options.revoke ?? this.#config.revokeOnLogout)) await this.#revoke(session)
      if (mode === 'local') return
      const request = await this.#oidc.createSignoutRequest({
        client_id: this.#config.clientId,
        post_logout_redirect_uri: mode === 'popup' ? this.#config.popupRedirectUri : this.#config.postLogoutRedirectUri,
        ...(mode === 'popup' && { state: { popup: true } }),
        ...(session?.idToken !== undefined && { id_token_hint: session.idToken }),
      })
      if (mode === 'redirect') {
        window.sessionStorage.setItem(this.#logoutReturnKey, sanitizeReturnTo(options.returnTo ?? '/', this.#config.origin))
        this.#config.navigate(request.url)
        return
      }
      if (!popup) throw popupBlockedError()
      await this.#logoutByPopup(popup, request.url, request.state?.id)
    } catch (err) {
      throw this.#fail(err, 'You are signed out of this app, but not at the identity provider')
    } finally {
      if (popup && !popup.closed) popup.close()
    }
  }

  async #logoutByPopup(popup: Window, url: string, state: string | undefined): Promise<void> {
    const callback = state ? waitForCallback(state) : undefined
    popup.location.href = url
    const watch = watchPopupClosed(popup)
    try {
      // Closing the popup early still leaves this app signed out; only the IdP session may survive.
      await Promise.race([callback?.result, watch.closed].filter(Boolean))
      this.#update({ pending: null })
    } catch {
      this.#update({ pending: null })
    } finally {
      watch.stop()
      callback?.cancel()
    }
  }

  /** Best effort: a logout must not hang on an IdP that cannot revoke. */
  async #revoke(session: Session): Promise<void> {
    let hasRevocation = false
    try {
      hasRevocation = Boolean((await this.#metadata()).revocation_endpoint)
    } catch {
      return
    }
    if (!hasRevocation) return
    const revocations: Promise<void>[] = []
    if (session.refreshToken) revocations.push(this.#oidc.revokeToken(session.refreshToken, 'refresh_token'))
    // A JWT access token is self-contained and IdPs answer unsupported_token_type (RFC 7009 §2.2.1);
    // it dies with its short lifetime. Opaque ones are revoked.
    if (session.accessToken.split('.').length !== 3) revocations.push(this.#oidc.revokeToken(session.accessToken, 'access_token'))
    await Promise.allSettled(revocations)
  }

  async getAccessToken(options: AccessTokenOptions = {}): Promise<string> {
    await this.start()
    let session = this.#sessions.load()
    if (!session) throw new AuthError('login_required', 'Nobody is signed in: call login() before asking for an access token.')
    const missing = scopesOf(options.scope).filter((scope) => !session?.scopes.includes(scope))
    if (missing.length > 0) {
      throw new AuthError(
        'insufficient_scope',
        `The session was not granted ${missing.join(' ')}. Ask the user with login({ scope: '${missing.join(' ')}' }).`,
        { cause: { missing } },
      )
    }
    // The default margin shrinks with short-lived tokens: 30 s ahead of a 5 s token would renew on every call.
    const minValidityMs =
      options.minValidity !== undefined ? options.minValidity * 1000 : Math.min(30_000, (session.expiresAt - session.issuedAt) / 4)
    if (session.expiresAt - Date.now() <= minValidityMs) session = await this.#renewShared()
    if (options.resource === undefined) return session.accessToken
    const cached = this.#resourceTokens.get(options.resource)
    if (cached && cached.expiresAt - Date.now() > minValidityMs) return cached.accessToken
    return this.#tokenForResource(options.resource)
  }

  peekAccessToken = (): string | null => {
    if (this.getState().status !== 'authenticated') return null
    const session = this.#sessions.load()
    return session && session.expiresAt > Date.now() ? session.accessToken : null
  }

  async fetch(input: RequestInfo | URL, init?: RequestInit, options: AuthFetchOptions = {}): Promise<Response> {
    const request = new Request(input, init)
    const send = async (token: string) => {
      const attempt = request.clone()
      attempt.headers.set('Authorization', `Bearer ${token}`)
      return fetch(attempt)
    }
    const tokenOptions = { ...(options.scope !== undefined && { scope: options.scope }), ...(options.resource !== undefined && { resource: options.resource }) }
    let response = await send(await this.getAccessToken(tokenOptions))
    const challenge = parseBearerChallenge(response.headers.get('WWW-Authenticate'))
    if (response.status === 401) {
      // The token may have been revoked or rotated away: renew once and retry once, never more.
      await this.renew()
      response = await send(await this.getAccessToken(tokenOptions))
    } else if (response.status === 403 && challenge?.error === 'insufficient_scope') {
      const granted = this.getState().user?.scopes ?? []
      const missing = challenge.scope.filter((scope) => !granted.includes(scope))
      if (missing.length === 0) return response
      const scope = [...new Set([...scopesOf(this.#config.scope), ...granted, ...missing])].join(' ')
      await this.login({ mode: this.#config.stepUp, scope, returnTo: currentPath() })
      if (this.#config.stepUp === 'redirect') return response
      response = await send(await this.getAccessToken(tokenOptions))
    }
    return response
  }

  async renew(): Promise<void> {
    await this.start()
    await this.#renewShared()
  }

  dispose(): void {
    this.#disposed = true
    clearTimeout(this.#renewalTimer)
    window.removeEventListener('pageshow', this.#onPageShow)
    window.removeEventListener('online', this.#onOnline)
    document.removeEventListener('visibilitychange', this.#onVisible)
    window.removeEventListener('storage', this.#onStorage)
    this.#sessionChannel?.close()
  }

  async #run(): Promise<void> {
    this.#running = true
    window.addEventListener('pageshow', this.#onPageShow)
    window.addEventListener('online', this.#onOnline)
    document.addEventListener('visibilitychange', this.#onVisible)
    window.addEventListener('storage', this.#onStorage)
    this.#sessionChannel?.addEventListener('message', this.#onSessionMessage)
    void this.#oidc.clearStaleState().catch(() => undefined)
    const url = window.location.href
    if (this.#isSigninCallback(url)) {
      await this.#completeRedirectSignin(url)
      return
    }
    this.#completeSignoutReturn()
    await this.#restore()
  }

  /**
   * Back through the back/forward cache the page never reloaded: its "login" activity is stale, and
   * another page (a callback, a sign-out) may have changed the stored session meanwhile.
   */
  #onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) this.#resync()
  }

  /** Another tab with `storage: 'local'` changed the shared session. */
  #onStorage = (event: StorageEvent): void => {
    if (event.key === `${this.#key}:session`) this.#resync()
  }

  /** A sign-out in another tab signs this one out too, whatever the storage. */
  #onSessionMessage = (event: MessageEvent): void => {
    const message = event.data as Partial<SessionMessage> | null
    if (message?.type !== 'latchkey:logout' || message.key !== this.#key) return
    this.#forgetSession()
    this.#store.set(Object.freeze({ status: 'anonymous', user: null, error: null, pending: null }))
  }

  #onOnline = (): void => {
    if (this.getState().error && isTransient(this.getState().error as AuthError)) void this.#renewShared().catch(() => undefined)
  }

  /** Timers are throttled in background tabs: catch up when the tab is seen again. */
  #onVisible = (): void => {
    if (document.visibilityState !== 'visible') return
    const session = this.#sessions.load()
    if (session && this.#config.autoRenew && renewalDelay(session.issuedAt, session.expiresAt, Date.now()) <= 1000) {
      void this.#renewShared().catch(() => undefined)
    }
  }

  #resync(): void {
    const session = this.#usableSession()
    this.#store.set(
      session
        ? this.#authenticated(session, this.getState().error)
        : Object.freeze({ status: 'anonymous', user: null, error: this.getState().error, pending: null }),
    )
    if (session) this.#scheduleRenewal(session)
  }

  #isSigninCallback(href: string): boolean {
    const url = new URL(href)
    const redirect = new URL(this.#config.redirectUri)
    return (
      url.origin === redirect.origin &&
      url.pathname === redirect.pathname &&
      url.searchParams.has('state') &&
      (url.searchParams.has('code') || url.searchParams.has('error'))
    )
  }

  async #completeRedirectSignin(url: string): Promise<void> {
    this.#update({ pending: 'callback' })
    let returnTo = '/'
    try {
      returnTo = (await this.#redeem(url)).returnTo
    } catch (err) {
      const error = toAuthError(err, 'Sign-in failed')
      if (err instanceof Error && err.name === 'ErrorResponse') {
        returnTo = readLoginState((err as Error & { state?: unknown }).state, this.#config.origin).returnTo
      }
      // A reload of a used callback URL, or the back button onto it: the code is spent, but the session it made is fine.
      const existing = this.#usableSession()
      this.#store.set(
        existing
          ? this.#authenticated(existing, error.code === 'state_mismatch' ? null : error)
          : Object.freeze({ status: 'anonymous', user: null, error, pending: null }),
      )
      if (existing) this.#scheduleRenewal(existing)
    } finally {
      replaceUrl(returnTo)
    }
  }

  /** Checks and redeems an authorization response, and makes its session current. */
  async #redeem(url: string): Promise<LoginState> {
    const metadata = await this.#metadata()
    const issuer = metadata.issuer ?? this.#config.authority
    // Checked before the code is redeemed, so a code from a mixed-up IdP is never sent anywhere.
    const announcesIss = (metadata as Record<string, unknown>)['authorization_response_iss_parameter_supported'] === true
    verifyResponseIssuer(url, issuer, announcesIss)
    let redemption = callbacksInFlight.get(url)
    if (!redemption) {
      redemption = this.#oidc.processSigninResponse(url).finally(() => callbacksInFlight.delete(url))
      callbacksInFlight.set(url, redemption)
    }
    const response = await redemption
    const loginState = readLoginState(response.userState, this.#config.origin)
    const session = this.#toSession(response, issuer)
    this.#appState = loginState.appState
    this.#adopt(session)
    return loginState
  }

  #toSession(response: SigninResponse, issuer: string): Session {
    if (!response.id_token) {
      throw new AuthError('invalid_token', 'The identity provider returned no ID token. Make sure the scope includes "openid".')
    }
    const claims = verifyIdTokenClaims(response.id_token, { issuer, clientId: this.#config.clientId, now: nowSeconds() })
    if (!response.access_token) throw new AuthError('invalid_token', 'The identity provider returned no access token.')
    const profileClaims = this.#config.loadUserInfo ? { ...claims, ...response.profile } : claims
    return {
      accessToken: response.access_token,
      tokenType: response.token_type || 'Bearer',
      idToken: response.id_token,
      refreshToken: response.refresh_token,
      issuedAt: Date.now(),
      expiresAt: (response.expires_at ?? (claims['exp'] as number)) * 1000,
      scopes: scopesOf(response.scope),
      profile: toProfile(profileClaims),
    }
  }

  #completeSignoutReturn(): void {
    const returnTo = window.sessionStorage.getItem(this.#logoutReturnKey)
    if (returnTo === null) return
    window.sessionStorage.removeItem(this.#logoutReturnKey)
    if (new URL(window.location.href).pathname === new URL(this.#config.postLogoutRedirectUri).pathname) {
      replaceUrl(sanitizeReturnTo(returnTo, this.#config.origin))
    }
  }

  #usableSession(): Session | null {
    const session = this.#sessions.load()
    return session && session.expiresAt > Date.now() ? session : null
  }

  async #restore(): Promise<void> {
    const session = this.#sessions.load()
    if (!session) {
      this.#update({ status: 'anonymous', user: null })
      return
    }
    if (session.expiresAt > Date.now()) {
      if (this.getState().user === null) this.#store.set(this.#authenticated(session, null))
      this.#scheduleRenewal(session)
      return
    }
    if (!session.refreshToken) {
      this.#forgetSession()
      this.#update({ status: 'anonymous', user: null })
      return
    }
    await this.#renewShared().catch(() => undefined)
  }

  #renewShared(): Promise<Session> {
    this.#renewing ??= this.#renewAcrossTabs().finally(() => {
      this.#renewing = undefined
    })
    return this.#renewing
  }

  /**
   * With `storage: 'local'` tabs share one refresh token, which rotates on use: a Web Lock lets one
   * tab renew at a time, and a tab that waited finds the fresh session the other one stored.
   */
  async #renewAcrossTabs(): Promise<Session> {
    const before = this.#sessions.load()
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
    if (this.#config.storage !== 'local' || !locks) return this.#renew()
    return locks.request(`${this.#key}:renew`, async () => {
      const now = this.#sessions.load()
      if (now && before && now.accessToken !== before.accessToken && now.expiresAt > Date.now()) {
        this.#adopt(now)
        return now
      }
      return this.#renew()
    })
  }

  async #renew(): Promise<Session> {
    const current = this.#sessions.load()
    if (!current) throw new AuthError('login_required', 'Nobody is signed in: there is no session to renew.')
    clearTimeout(this.#renewalTimer)
    this.#update({ pending: 'refresh' })
    try {
      const renewed = current.refreshToken ? await this.#renewWithRefreshToken(current) : await this.#renewSilently()
      if (this.#disposed) return renewed
      this.#failedRenewals = 0
      this.#adopt(renewed)
      return renewed
    } catch (err) {
      throw this.#renewalFailed(toAuthError(err, 'Renewing the session failed'))
    }
  }

  async #renewWithRefreshToken(current: Session, resource?: string): Promise<Session> {
    const response = await this.#oidc.useRefreshToken({
      // oidc-client-ts exports RefreshState as a type only; the shape is all it reads.
      state: {
        refresh_token: current.refreshToken ?? '',
        id_token: current.idToken,
        session_state: null,
        scope: current.scopes.join(' ') || this.#config.scope,
        profile: current.profile as RefreshState['profile'],
      },
      ...(resource !== undefined && { resource }),
    })
    const issuer = (await this.#metadata()).issuer ?? this.#config.authority
    const rotated = { refreshToken: response.refresh_token ?? current.refreshToken }
    if (response.id_token && response.id_token !== current.idToken) {
      const fresh = this.#toSession(response, issuer)
      if (fresh.profile.sub !== current.profile.sub) throw new AuthError('invalid_token', 'The renewed ID token is for another user.')
      return { ...fresh, ...rotated }
    }
    return {
      ...current,
      ...rotated,
      accessToken: response.access_token,
      tokenType: response.token_type || current.tokenType,
      issuedAt: Date.now(),
      expiresAt: response.expires_at ? response.expires_at * 1000 : current.expiresAt,
      scopes: response.scope ? scopesOf(response.scope) : current.scopes,
    }
  }

  async #renewSilently(): Promise<Session> {
    const request = await this.#createSigninRequest({ prompt: 'none', returnTo: '/' }, this.#config.popupRedirectUri)
    const url = await renewInIframe(request.url, request.state.id)
    try {
      const metadata = await this.#metadata()
      const issuer = metadata.issuer ?? this.#config.authority
      verifyResponseIssuer(url, issuer, (metadata as Record<string, unknown>)['authorization_response_iss_parameter_supported'] === true)
      return this.#toSession(await this.#oidc.processSigninResponse(url), issuer)
    } catch (err) {
      const error = toAuthError(err, 'Silent renewal failed')
      throw ['login_required', 'interaction_required', 'consent_required'].includes(error.code) ? silentRenewalRefused(error) : error
    }
  }

  /** A token for another API, by refresh grant with `resource`; the refresh token it rotates is kept. */
  async #tokenForResource(resource: string): Promise<string> {
    const current = this.#sessions.load()
    if (!current?.refreshToken) {
      throw new AuthError('config', `A token for "${resource}" needs a refresh token: request the offline_access scope.`)
    }
    try {
      const session = await this.#renewWithRefreshToken(current, resource)
      this.#sessions.save({ ...current, refreshToken: session.refreshToken })
      this.#resourceTokens.set(resource, { accessToken: session.accessToken, expiresAt: session.expiresAt })
      return session.accessToken
    } catch (err) {
      throw toAuthError(err, `Getting a token for ${resource} failed`)
    }
  }

  /**
   * A transient failure keeps the session while its token is valid and retries with backoff; anything
   * else ends the session with the error kept, and nothing retries.
   */
  #renewalFailed(cause: AuthError): AuthError {
    if (isTransient(cause)) {
      this.#failedRenewals += 1
      const still = this.#usableSession()
      if (still && this.#config.autoRenew && !this.#disposed) {
        this.#renewalTimer = setTimeout(() => void this.#renewShared().catch(() => undefined), retryDelay(this.#failedRenewals))
      }
      this.#store.set(still ? this.#authenticated(still, cause) : Object.freeze({ status: 'anonymous', user: null, error: cause, pending: null }))
      return cause
    }
    const error =
      cause.code === 'login_required' || cause.code === 'refresh_failed'
        ? cause
        : new AuthError('refresh_failed', `Your session has ended and could not be renewed (${cause.message}). Please sign in again.`, {
            description: cause.description,
            cause,
          })
    this.#forgetSession()
    this.#store.set(Object.freeze({ status: 'anonymous', user: null, error, pending: null }))
    return error
  }

  /** Makes `session` the current one: stored, shown, and renewed before it expires. */
  #adopt(session: Session): void {
    this.#sessions.save(session)
    this.#store.set(this.#authenticated(session, null))
    this.#scheduleRenewal(session)
  }

  #scheduleRenewal(session: Session): void {
    clearTimeout(this.#renewalTimer)
    if (!this.#config.autoRenew || this.#disposed || !this.#running) return
    this.#renewalTimer = setTimeout(
      () => void this.#renewShared().catch(() => undefined),
      renewalDelay(session.issuedAt, session.expiresAt, Date.now()),
    )
  }

  #forgetSession(): void {
    clearTimeout(this.#renewalTimer)
    this.#sessions.clear()
    this.#resourceTokens.clear()
  }

  #authenticated(session: Session, error: AuthError | null): AuthState {
    const current = this.#store?.get()
    // Keep the user object when nothing in it changed, so selectors of `user` do not re-render.
    const unchanged =
      current?.user &&
      current.user.expiresAt === session.expiresAt &&
      current.user.scopes.join(' ') === session.scopes.join(' ') &&
      JSON.stringify(current.user.profile) === JSON.stringify(session.profile)
    const user = unchanged && current.user ? current.user : toUser(session)
    return Object.freeze({ status: 'authenticated', user, error, pending: null })
  }

  #fail(err: unknown, context: string): AuthError {
    const error = toAuthError(err, context)
    this.#update({ pending: null, error })
    return error
  }

  #update(patch: Partial<AuthState>): void {
    const current = this.#store.get()
    const changed = (Object.keys(patch) as (keyof AuthState)[]).some((key) => !Object.is(patch[key], current[key]))
    if (changed) this.#store.set(Object.freeze({ ...current, ...patch }))
  }
}

/**
 * Builds the sign-in client for this app. Checks the config at once and throws an AuthError with code
 * `config` that says how to fix it.
 */
export function createAuthClient(config: AuthClientConfig): AuthClient {
  return new LatchkeyClient(resolveConfig(config))
}
