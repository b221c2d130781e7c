import { OidcClient, WebStorageStateStore, type RefreshState, type SigninResponse } from 'oidc-client-ts'
import type { AccessTokenOptions, AuthClient, LoginOptions, LogoutOptions } from './AuthClient.js'
import type { AuthClientConfig } from './AuthClientConfig.js'
import { AuthError } from './AuthError.js'
import { initialAuthState, type AuthState, type AuthUser, type UserProfile } from './AuthState.js'
import { createSessionStore, type Session, type SessionStore } from './createSessionStore.js'
import { createStore, type Store } from './createStore.js'
import { resolveConfig, type ResolvedConfig } from './resolveConfig.js'
import { sanitizeReturnTo } from './sanitizeReturnTo.js'
import { toAuthError } from './toAuthError.js'
import { verifyIdTokenClaims } from './verifyIdTokenClaims.js'
import { verifyResponseIssuer } from './verifyResponseIssuer.js'

/** Round-tripped through the IdP inside oidc-client-ts's stored state, never in the URL. */
interface LoginState {
  returnTo: string
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

function readReturnTo(userState: unknown, origin: string): string {
  const returnTo = (userState as Partial<LoginState> | null | undefined)?.returnTo
  return sanitizeReturnTo(returnTo, origin)
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

class LatchkeyClient implements AuthClient {
  readonly #config: ResolvedConfig
  readonly #oidc: OidcClient
  readonly #sessions: SessionStore
  readonly #store: Store<AuthState>
  readonly #logoutReturnKey: string
  #started: Promise<void> | undefined
  #refreshing: Promise<Session> | undefined
  #disposed = false

  constructor(config: ResolvedConfig) {
    this.#config = config
    const key = `latchkey:${config.clientId}@${config.authority}`
    this.#sessions = createSessionStore(config.storage, `${key}:session`)
    this.#logoutReturnKey = `${key}:logout-return`
    this.#oidc = new OidcClient({
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
      // The PKCE verifier must outlive the trip to the IdP whatever `storage` says, so pending
      // sign-ins always go to localStorage; they hold no tokens and expire after 15 minutes.
      stateStore: new WebStorageStateStore({ prefix: `${key}:pending:`, store: window.localStorage }),
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
    if (session && session.expiresAt > Date.now()) {
      return Object.freeze({ status: 'authenticated', user: toUser(session), error: null, pending: null })
    }
    if (session?.refreshToken) return initialAuthState
    return Object.freeze({ status: 'anonymous', user: null, error: null, pending: null })
  }

  getState = (): AuthState => this.#store.get()

  subscribe = (listener: () => void): (() => void) => this.#store.subscribe(listener)

  start(): Promise<void> {
    this.#started ??= this.#run()
    return this.#started
  }

  async login(options: LoginOptions = {}): Promise<void> {
    if (options.mode !== undefined && options.mode !== 'redirect') {
      throw new AuthError('config', `login mode "${String(options.mode)}" is not supported; use "redirect".`)
    }
    this.#update({ pending: 'login', error: null })
    try {
      const loginState: LoginState = { returnTo: sanitizeReturnTo(options.returnTo ?? currentPath(), this.#config.origin) }
      const request = await this.#oidc.createSigninRequest({
        state: loginState,
        nonce: crypto.randomUUID(),
        ...(options.scope !== undefined && { scope: options.scope }),
        ...(options.prompt !== undefined && { prompt: options.prompt }),
        ...(options.loginHint !== undefined && { login_hint: options.loginHint }),
        ...(options.maxAge !== undefined && { max_age: options.maxAge }),
        ...(options.acrValues !== undefined && { acr_values: options.acrValues }),
        ...(options.uiLocales !== undefined && { ui_locales: options.uiLocales }),
        extraQueryParams: { ...this.#config.extraQueryParams, ...options.extraParams },
      })
      this.#config.navigate(request.url)
    } catch (err) {
      const error = toAuthError(err, 'Could not start sign-in')
      this.#update({ pending: null, error })
      throw error
    }
  }

  async logout(options: LogoutOptions = {}): Promise<void> {
    const mode = options.mode ?? 'redirect'
    const session = this.#sessions.load()
    this.#sessions.clear()
    this.#store.set(Object.freeze({ status: 'anonymous', user: null, error: null, pending: mode === 'local' ? null : 'logout' }))
    if (mode === 'local') return
    try {
      const request = await this.#oidc.createSignoutRequest({
        client_id: this.#config.clientId,
        post_logout_redirect_uri: this.#config.postLogoutRedirectUri,
        ...(session?.idToken !== undefined && { id_token_hint: session.idToken }),
      })
      window.sessionStorage.setItem(this.#logoutReturnKey, sanitizeReturnTo(options.returnTo ?? '/', this.#config.origin))
      this.#config.navigate(request.url)
    } catch (err) {
      const error = toAuthError(err, 'You are signed out of this app, but not at the identity provider')
      this.#update({ pending: null, error })
      throw error
    }
  }

  async getAccessToken(options: AccessTokenOptions = {}): Promise<string> {
    await this.start()
    const session = this.#sessions.load()
    if (!session) throw new AuthError('login_required', 'Nobody is signed in: call login() before asking for an access token.')
    const minValidityMs = (options.minValidity ?? 30) * 1000
    if (session.expiresAt - Date.now() > minValidityMs) return session.accessToken
    return (await this.#refresh()).accessToken
  }

  dispose(): void {
    this.#disposed = true
    window.removeEventListener('pageshow', this.#onPageShow)
  }

  async #run(): Promise<void> {
    window.addEventListener('pageshow', this.#onPageShow)
    void this.#oidc.clearStaleState().catch(() => undefined)
    const url = window.location.href
    if (this.#isSigninCallback(url)) {
      await this.#completeSignin(url)
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
    if (!event.persisted) return
    const session = this.#usableSession()
    this.#store.set(
      Object.freeze({
        status: session ? 'authenticated' : 'anonymous',
        user: session ? toUser(session) : null,
        error: this.getState().error,
        pending: null,
      }),
    )
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

  async #completeSignin(url: string): Promise<void> {
    this.#update({ pending: 'callback' })
    let returnTo = '/'
    try {
      const metadata = await this.#oidc.metadataService.getMetadata()
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
      returnTo = readReturnTo(response.userState, this.#config.origin)
      const session = this.#toSession(response, issuer)
      this.#sessions.save(session)
      this.#store.set(Object.freeze({ status: 'authenticated', user: toUser(session), error: null, pending: null }))
    } catch (err) {
      const error = toAuthError(err, 'Sign-in failed')
      if (err instanceof Error && err.name === 'ErrorResponse') {
        returnTo = readReturnTo((err as Error & { state?: unknown }).state, this.#config.origin)
      }
      // A reload of a used callback URL, or the back button onto it: the code is spent, but the session it made is fine.
      const existing = this.#usableSession()
      if (error.code === 'state_mismatch' && existing) {
        this.#store.set(Object.freeze({ status: 'authenticated', user: toUser(existing), error: null, pending: null }))
      } else {
        this.#store.set(
          Object.freeze({ status: existing ? 'authenticated' : 'anonymous', user: existing ? toUser(existing) : null, error, pending: null }),
        )
      }
    } finally {
      replaceUrl(returnTo)
    }
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
      expiresAt: (response.expires_at ?? (claims['exp'] as number)) * 1000,
      scopes: (response.scope ?? '').split(' ').filter(Boolean),
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
      if (this.getState().user === null) this.#update({ status: 'authenticated', user: toUser(session) })
      return
    }
    if (!session.refreshToken) {
      this.#sessions.clear()
      this.#update({ status: 'anonymous', user: null })
      return
    }
    await this.#refresh().catch(() => undefined)
  }

  #refresh(): Promise<Session> {
    this.#refreshing ??= this.#renew().finally(() => {
      this.#refreshing = undefined
    })
    return this.#refreshing
  }

  async #renew(): Promise<Session> {
    const current = this.#sessions.load()
    if (!current?.refreshToken) {
      throw new AuthError('login_required', 'The session has expired and there is no refresh token: sign in again.')
    }
    this.#update({ pending: 'refresh' })
    try {
      const response = await this.#oidc.useRefreshToken({
        // oidc-client-ts exports RefreshState as a type only; the shape is all it reads.
        state: {
          refresh_token: current.refreshToken,
          id_token: current.idToken,
          session_state: null,
          scope: current.scopes.join(' '),
          profile: current.profile as RefreshState['profile'],
        },
      })
      const issuer = await this.#oidc.metadataService.getIssuer()
      const renewed: Session = response.id_token && response.id_token !== current.idToken
        ? { ...this.#toSession(response, issuer), refreshToken: response.refresh_token ?? current.refreshToken }
        : {
            ...current,
            accessToken: response.access_token,
            tokenType: response.token_type || current.tokenType,
            refreshToken: response.refresh_token ?? current.refreshToken,
            expiresAt: response.expires_at ? response.expires_at * 1000 : current.expiresAt,
            scopes: response.scope ? response.scope.split(' ').filter(Boolean) : current.scopes,
          }
      if (this.#disposed) return renewed
      this.#sessions.save(renewed)
      this.#store.set(Object.freeze({ status: 'authenticated', user: toUser(renewed), error: null, pending: null }))
      return renewed
    } catch (err) {
      const cause = toAuthError(err, 'Renewing the session failed')
      const transient = cause.code === 'network' || cause.code === 'timeout'
      const error = transient
        ? cause
        : new AuthError('refresh_failed', `Your session has ended and could not be renewed (${cause.message}). Please sign in again.`, {
            description: cause.description,
            cause,
          })
      if (!transient) this.#sessions.clear()
      const still = this.#usableSession()
      this.#store.set(Object.freeze({ status: still ? 'authenticated' : 'anonymous', user: still ? toUser(still) : null, error, pending: null }))
      throw error
    }
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
