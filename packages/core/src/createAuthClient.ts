import type { AuthClient, LoginOptions, LogoutOptions } from './AuthClient.js'
import type { AuthClientConfig } from './AuthClientConfig.js'
import { AuthError } from './AuthError.js'
import { initialAuthState, type AuthState } from './AuthState.js'
import { createAccessTokens } from './createAccessTokens.js'
import { createAuthFetch } from './createAuthFetch.js'
import { createPendingSigninStore } from './createPendingSigninStore.js'
import { createProtocol } from './createProtocol.js'
import { createRefreshGate } from './createRefreshGate.js'
import { browserPageSignals, createRenewalSchedule, type PageSignals } from './createRenewalSchedule.js'
import { createSessionHolder } from './createSessionHolder.js'
import { createStore } from './createStore.js'
import { createTabSync } from './createTabSync.js'
import { createLineageRecord, type LineageRecord } from './lineageRecord.js'
import { openPopup, popupBlockedError } from './popupWindow.js'
import { resolveConfig, type ResolvedConfig } from './resolveConfig.js'
import { runPopup } from './runPopup.js'
import { sanitizeReturnTo } from './sanitizeReturnTo.js'
import { defaultMinValidityMs, isNewerSession, usable, type Session } from './Session.js'
import { sessionPersistence, webStorage } from './sessionPersistence.js'
import { isSigninCallback, replaceUrl } from './signinCallback.js'
import { toAuthError } from './toAuthError.js'
import { transition, type AuthEvent } from './transitions.js'

/** What the client takes from the browser; tests pass fakes (a lock manager, a channel, page signals). */
export interface AuthClientEnvironment {
  locks: Pick<LockManager, 'request' | 'query'> | null
  record: LineageRecord | null
  createChannel: ((name: string) => BroadcastChannel) | null
  signals: PageSignals
}

function browserEnvironment(recordName: string): AuthClientEnvironment {
  const locks = typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null
  const hasIndexedDb = typeof indexedDB !== 'undefined'
  return {
    locks,
    record: locks && hasIndexedDb ? createLineageRecord(recordName) : null,
    createChannel: typeof BroadcastChannel === 'undefined' ? null : (name) => new BroadcastChannel(name),
    signals: browserPageSignals,
  }
}

/** How long a new tab waits for an open tab to hand over its session. */
const handoverWaitMs = 1000

function isTransient(error: AuthError): boolean {
  return error.code === 'network' || error.code === 'timeout'
}

/**
 * Builds the sign-in client for this app. Checks the config at once and throws an AuthError with code
 * `config` that says how to fix it. Building it does nothing else: `start()` attaches it to the page
 * and `dispose()` detaches it.
 */
export function createAuthClient(config: AuthClientConfig): AuthClient {
  const resolved = resolveConfig(config)
  const key = `latchkey:${resolved.clientId}@${resolved.authority}`
  return composeAuthClient(resolved, browserEnvironment(key))
}

/** The parts, wired. Holds no protocol logic of its own: each part owns one concern. */
export function composeAuthClient(config: ResolvedConfig, env: AuthClientEnvironment): AuthClient {
  const key = `latchkey:${config.clientId}@${config.authority}`
  // Tabs share one refresh token only where they can take turns with it and see each other's turns.
  const canShare = env.locks !== null && env.record !== null && env.createChannel !== null
  const shareSession = canShare && config.shareSession
  // Without that, localStorage would hand one refresh token to every tab with no lock: keep it per tab.
  const storageKind = config.storage === 'local' && !canShare ? 'session' : config.storage
  const holder = createSessionHolder(sessionPersistence(storageKind, `${key}:session`))
  const pending = createPendingSigninStore(`${key}:pending:`)
  const protocol = createProtocol(config, pending, key)
  const store = createStore<AuthState>(initialState)
  const dispatch = (event: AuthEvent) => store.set(transition(store.get(), event))
  /** Lineages signed out here or in another tab: a late message about one must not bring it back. */
  const ended = new Set<string>()
  let popups = new AbortController()
  let appState: unknown
  let started: Promise<void> | undefined
  let renewing: Promise<Session> | undefined

  const tabs = env.createChannel
    ? createTabSync({
        channelName: key,
        createChannel: env.createChannel,
        locks: env.locks,
        current: () => holder.current(),
        onSession: receiveSession,
        onLogout: (lineage) => endSession(lineage, null),
      })
    : null

  const gate = createRefreshGate({
    holder,
    locks: canShare ? env.locks : null,
    lockName: `${key}:refresh`,
    lockTimeoutMs: (config.requestTimeoutSeconds + 5) * 1000,
    record: canShare ? env.record : null,
    async fetchNewer(lineage, version) {
      const answer = await tabs?.ask(handoverWaitMs, lineage, version)
      if (answer) return answer
      const stored = sessionPersistence(storageKind, `${key}:session`).load()
      return stored && stored.lineage === lineage && stored.version >= version ? stored : null
    },
    publish: (session) => tabs?.announceSession(session),
  })

  const schedule = createRenewalSchedule({ renew: () => void renewSession().catch(() => undefined), signals: env.signals })

  const accessTokens = createAccessTokens({ holder, gate, protocol, renew: renewSession })

  function initialState(): AuthState {
    if (isSigninCallback(window.location.href, config)) return initialAuthState
    const session = holder.current()
    const valid = usable(session)
    if (valid) return transition(initialAuthState, { type: 'session', session: valid })
    if (session?.refreshToken || (shareSession && storageKind !== 'local')) return initialAuthState
    return transition(initialAuthState, { type: 'signed-out' })
  }

  /** `session` is current now: shown, renewed ahead of expiry, and offered to new tabs. */
  function showSession(session: Session): void {
    dispatch({ type: 'session', session })
    schedule.plan(session)
    tabs?.markHolding(true)
  }

  function receiveSession(session: Session): void {
    const current = holder.current()
    if (ended.has(session.lineage) || !isNewerSession(session, current)) return
    // Another lineage is another sign-in: taken only when this app shares its session across tabs.
    if (current?.lineage !== session.lineage && !shareSession) return
    if (holder.replace(session, holder.generation())) showSession(session)
  }

  /** Forgets everything of the session in this tab; nothing in flight can bring it back. */
  function forget(): string | undefined {
    const lineage = holder.current()?.lineage
    if (lineage !== undefined) {
      ended.add(lineage)
      void env.record?.forget(lineage).catch(() => undefined)
    }
    holder.clear()
    accessTokens.clear()
    schedule.plan(null)
    tabs?.markHolding(false)
    popups.abort()
    popups = new AbortController()
    appState = undefined
    return lineage
  }

  function endSession(lineage: string | null, error: AuthError | null): void {
    if (lineage !== null) ended.add(lineage)
    forget()
    dispatch({ type: 'signed-out', error })
  }

  function fail(err: unknown, context: string): AuthError {
    const error = toAuthError(err, context)
    dispatch({ type: 'failed', error })
    return error
  }

  /** A new sign-in is current, here and in the other tabs. */
  function adoptSignin(session: Session, generation: number, loginState: { appState?: unknown }): void {
    if (!holder.replace(session, generation)) throw new AuthError('login_required', 'You signed out while the sign-in was completing.')
    appState = loginState.appState
    showSession(session)
    tabs?.announceSession(session)
  }

  function renewSession(): Promise<Session> {
    renewing ??= renewOnce().finally(() => {
      renewing = undefined
    })
    return renewing
  }

  async function renewOnce(): Promise<Session> {
    const seen = holder.current()
    if (!seen) throw new AuthError('login_required', 'Nobody is signed in: there is no session to renew.')
    dispatch({ type: 'started', activity: 'refresh' })
    try {
      const session = await gate.use(
        async (latest) => {
          const renewed = latest.refreshToken ? await protocol.refresh(latest) : await protocol.renewSilently(latest)
          return { session: renewed, value: renewed }
        },
        // Another tab renewed while this one waited for its turn: its session will do.
        (latest) => (isNewerSession(latest, seen) && latest.expiresAt - Date.now() > defaultMinValidityMs(latest) ? latest : undefined),
      )
      showSession(session)
      return session
    } catch (err) {
      const error = toAuthError(err, 'Renewing the session failed')
      // A sign-out happened meanwhile: it already set the state, and stays final.
      if (ended.has(seen.lineage)) throw error
      throw renewalFailed(error)
    }
  }

  /**
   * A transient failure keeps the session while its token is valid and retries with backoff; anything
   * else ends the session with the error kept, and nothing retries.
   */
  function renewalFailed(cause: AuthError): AuthError {
    if (isTransient(cause)) {
      const still = holder.current()
      const valid = usable(still)
      if (valid) dispatch({ type: 'degraded', session: valid, error: cause })
      else dispatch({ type: 'signed-out', error: cause })
      if (still && config.autoRenew) schedule.retryLater()
      return cause
    }
    const error =
      cause.code === 'login_required' || cause.code === 'refresh_failed'
        ? cause
        : new AuthError('refresh_failed', `Your session has ended and could not be renewed (${cause.message}). Please sign in again.`, {
            description: cause.description,
            cause,
          })
    endSession(null, error)
    return error
  }

  async function completeRedirectSignin(url: string): Promise<void> {
    dispatch({ type: 'started', activity: 'callback' })
    const generation = holder.generation()
    // Read before redeeming, so a sign-in that fails still lands where it was going.
    let returnTo = (await protocol.pendingLoginState(url).catch(() => null))?.returnTo ?? '/'
    try {
      const { session, loginState } = await protocol.redeem(url)
      returnTo = loginState.returnTo
      adoptSignin(session, generation, loginState)
    } catch (err) {
      const error = toAuthError(err, 'Sign-in failed')
      // A reload of a used callback URL, or the back button onto it: the code is spent, but the session it made is fine.
      const existing = usable(holder.current())
      if (existing) {
        if (error.code === 'state_mismatch') showSession(existing)
        else {
          dispatch({ type: 'degraded', session: existing, error })
          schedule.plan(existing)
        }
      } else dispatch({ type: 'signed-out', error })
    } finally {
      replaceUrl(returnTo)
    }
  }

  function completeSignoutReturn(): void {
    const storage = webStorage('session')
    try {
      const returnTo = storage?.getItem(`${key}:logout-return`) ?? null
      if (returnTo === null) return
      storage?.removeItem(`${key}:logout-return`)
      if (new URL(window.location.href).pathname === new URL(config.postLogoutRedirectUri).pathname) {
        replaceUrl(sanitizeReturnTo(returnTo, config.origin))
      }
    } catch {
      // Without storage there is no return path to follow.
    }
  }

  async function restore(): Promise<void> {
    let session = holder.current()
    if (!session && shareSession && storageKind !== 'local' && tabs && (await tabs.peersHoldSession())) {
      const generation = holder.generation()
      const handed = await tabs.ask(handoverWaitMs)
      if (handed && !ended.has(handed.lineage) && holder.replace(handed, generation)) session = handed
    }
    if (!session) {
      dispatch({ type: 'signed-out', error: store.get().error })
      return
    }
    if (usable(session)) {
      showSession(session)
      return
    }
    if (!session.refreshToken) {
      endSession(null, null)
      return
    }
    await renewSession().catch(() => undefined)
  }

  async function run(): Promise<void> {
    tabs?.start()
    if (config.autoRenew) schedule.start()
    window.addEventListener('pageshow', onPageShow)
    void protocol.clearStaleSignins()
    const url = window.location.href
    if (isSigninCallback(url, config)) return completeRedirectSignin(url)
    completeSignoutReturn()
    return restore()
  }

  /**
   * Back from the back/forward cache the page never reloaded: its "login" activity is stale, and a
   * callback or sign-out in this tab may have changed the stored session meanwhile.
   */
  function onPageShow(event: PageTransitionEvent): void {
    if (!event.persisted) return
    if (storageKind !== 'memory') holder.reload()
    const session = holder.current()
    const valid = usable(session)
    if (valid) showSession(valid)
    else if (!session) dispatch({ type: 'signed-out', error: store.get().error })
    dispatch({ type: 'settled' })
  }

  async function loginByRedirect(options: LoginOptions): Promise<void> {
    dispatch({ type: 'started', activity: 'login' })
    try {
      const request = await protocol.signinRequest(options, config.redirectUri, holder.current()?.scopes ?? [])
      if (!pending.survivesNavigation(request.state)) {
        throw new AuthError(
          'storage',
          'This browser refused to store the sign-in under way (storage full, or site data blocked), so it would be lost on the way back from the identity provider. Allow site data for this app, or sign in with login({ mode: "popup" }).',
        )
      }
      config.navigate(request.url)
    } catch (err) {
      throw fail(err, 'Could not start sign-in')
    }
  }

  async function loginByPopup(popup: Window, options: LoginOptions): Promise<void> {
    dispatch({ type: 'started', activity: 'login' })
    const generation = holder.generation()
    const complete = async (url: string) => {
      const { session, loginState } = await protocol.redeem(url)
      adoptSignin(session, generation, loginState)
    }
    try {
      const request = await protocol.signinRequest(options, config.popupRedirectUri, holder.current()?.scopes ?? [])
      const run = runPopup(popup, request.url, request.state, popups.signal)
      const url = await run.result.catch((closed: unknown) => {
        // A result that arrives after the popup counted as closed (a popup left behind, then finished) still signs in.
        void run.late.then(complete).catch((err: unknown) => fail(err, 'Popup sign-in failed'))
        throw closed
      })
      await complete(url)
    } catch (err) {
      if (!popup.closed) popup.close()
      throw fail(err, 'Popup sign-in failed')
    }
  }

  const authFetch = createAuthFetch({
    getAccessToken: (options) => client.getAccessToken(options),
    renew: () => client.renew(),
    login: (options) => client.login(options),
    grantedScopes: () => store.get().user?.scopes ?? [],
    stepUp: config.stepUp,
  })

  const client: AuthClient = {
    getState: store.get,
    subscribe: store.subscribe,
    getAppState: () => appState,

    start() {
      started ??= run()
      return started
    },

    dispose() {
      started = undefined
      tabs?.stop()
      schedule.stop()
      window.removeEventListener('pageshow', onPageShow)
      popups.abort()
      popups = new AbortController()
    },

    login(options = {}) {
      const mode = options.mode ?? 'redirect'
      if (mode !== 'redirect' && mode !== 'popup') {
        return Promise.reject(new AuthError('config', `login mode "${String(mode)}" is not supported; use "redirect" or "popup".`))
      }
      if (mode === 'redirect') return loginByRedirect(options)
      // Opened before anything is awaited: the browser allows a popup only within the click's task.
      const popup = openPopup()
      if (popup) return loginByPopup(popup, options)
      if (config.popupFallback === 'redirect') return loginByRedirect(options)
      return Promise.reject(fail(popupBlockedError(), 'Popup sign-in failed'))
    },

    async logout(options: LogoutOptions = {}) {
      const mode = options.mode ?? 'redirect'
      const session = holder.current()
      const lineage = forget()
      // No PKCE verifier or appState of this session is left behind.
      void pending.clear()
      dispatch({ type: 'signed-out', activity: mode === 'local' ? null : 'logout' })
      tabs?.announceLogout(lineage ?? null)
      const popup = mode === 'popup' ? openPopup() : null
      try {
        if (session && (options.revoke ?? config.revokeOnLogout)) await protocol.revoke(session)
        if (mode === 'local') return
        const request = await protocol.signoutRequest({ popup: mode === 'popup', idToken: session?.idToken })
        if (mode === 'redirect') {
          try {
            webStorage('session')?.setItem(`${key}:logout-return`, sanitizeReturnTo(options.returnTo ?? '/', config.origin))
          } catch {
            // Without storage the user lands on the post-logout URI itself.
          }
          config.navigate(request.url)
          return
        }
        if (!popup) throw popupBlockedError()
        // Closing the popup early still leaves this app signed out; only the IdP session may survive.
        await runPopup(popup, request.url, request.state, popups.signal).result.catch(() => undefined)
        dispatch({ type: 'settled' })
      } catch (err) {
        if (popup && !popup.closed) popup.close()
        throw fail(err, 'You are signed out of this app, but not at the identity provider')
      }
    },

    async getAccessToken(options) {
      await client.start()
      try {
        return await accessTokens.get(options)
      } catch (err) {
        // The refresh gate forgot a session whose refresh token the IdP refused.
        if (!holder.current() && store.get().status === 'authenticated') endSession(null, toAuthError(err, 'Your session has ended'))
        throw err
      }
    },

    peekAccessToken: () => (store.get().status === 'authenticated' ? accessTokens.peek() : null),

    async renew() {
      await client.start()
      await renewSession()
    },

    fetch: authFetch,
  }
  return client
}
