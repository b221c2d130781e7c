import type { AuthClient } from './AuthClient.js'
import type { AuthClientConfig, SessionStorageKind } from './AuthClientConfig.js'
import { featureCode, missingFeature } from './AuthFeature.js'
import type { AuthFetchCode } from './authFetch.js'
import { initialAuthState, type AuthState } from './AuthState.js'
import { createAccessTokens } from './createAccessTokens.js'
import type { IdleTimeoutCode } from './createIdleTimer.js'
import { createLogin } from './createLogin.js'
import { completeSignoutReturn, createLogout } from './createLogout.js'
import { createPendingSigninStore } from './createPendingSigninStore.js'
import { createProtocol } from './createProtocol.js'
import { createRefreshGate } from './createRefreshGate.js'
import { createRenewal } from './createRenewal.js'
import { browserPageSignals, createRenewalSchedule } from './createRenewalSchedule.js'
import { createSessionHolder } from './createSessionHolder.js'
import { createSessionLifecycle } from './createSessionLifecycle.js'
import type { DeviceCodeCode } from './deviceCode.js'
import type { DpopCode } from './dpop.js'
import type { PopupCode } from './popup.js'
import { resolveConfig } from './resolveConfig.js'
import { usable, type Session } from './Session.js'
import { sessionPersistence, type SessionPersistence } from './sessionPersistence.js'
import { isRelayedCallback } from './relayedCallback.js'
import { completeRedirectSignin, isSigninCallback } from './signinCallback.js'
import type { SilentRenewalCode } from './silentRenewal.js'
import type { TabSyncCode } from './tabSync.js'
import type { TabLink } from './TabLink.js'
import { toAuthError } from './toAuthError.js'
import { transition } from './transitions.js'

/**
 * Builds the sign-in client for this app. Checks the config at once and throws an AuthError with code
 * `config` that says how to fix it. Building it does nothing else: `start()` attaches it to the page
 * and `dispose()` detaches it. Every method is bound: `const { login } = auth` works.
 *
 * @example
 * import { createAuthClient } from '@latchkey/core'
 * import { popup } from '@latchkey/core/popup'
 *
 * export const auth = createAuthClient({ authority: 'https://idp.example.com', clientId: 'spa', features: [popup()] })
 */
export function createAuthClient(options: AuthClientConfig): AuthClient {
  // The parts, wired: no protocol logic and no state change here, each part owns one concern.
  const config = resolveConfig(options)
  const key = `latchkey:${config.clientId}@${config.authority}`
  const popup = featureCode<PopupCode>(config.features, 'popup')
  const link: TabLink | null =
    featureCode<TabSyncCode>(config.features, 'tab-sync')?.link(key, config, {
      holder: () => holder,
      lifecycle: () => lifecycle,
      load: (): Session | null => persistence().load(),
    }) ?? null
  const storageKind: SessionStorageKind = link?.storage ?? config.storage
  const tabs = link?.tabs ?? null
  const persistence = (): SessionPersistence => sessionPersistence(storageKind, `${key}:session`)
  const holder = createSessionHolder(persistence())
  const pending = createPendingSigninStore(`${key}:pending:`)
  const dpop = featureCode<DpopCode>(config.features, 'dpop')?.connect(config) ?? null
  const protocol = createProtocol(config, pending, key, dpop)
  const logoutReturnKey = `${key}:logout-return`
  const fetchFeature = featureCode<AuthFetchCode>(config.features, 'fetch')
  const idle = featureCode<IdleTimeoutCode>(config.features, 'idle-timeout')
  const device = featureCode<DeviceCodeCode>(config.features, 'device-code')
  let started: Promise<void> | undefined

  const gate = createRefreshGate({ holder, tabs: link?.gate ?? null })
  const schedule = createRenewalSchedule({ renew: () => void renew().catch(() => undefined), signals: browserPageSignals })
  const lifecycle = createSessionLifecycle({
    holder,
    schedule,
    link,
    initialState,
    onForget: () => accessTokens.clear(),
  })
  const silent = featureCode<SilentRenewalCode>(config.features, 'silent-renewal')
  const renew = createRenewal({ holder, gate, protocol, lifecycle, schedule, config, silent })
  const accessTokens = createAccessTokens({ holder, gate, protocol, renew })

  /** What the first render shows: a stored, valid session needs no I/O, so there is no loading flash. */
  function initialState(): AuthState {
    const href = window.location.href
    // An app that waits while `pending` is 'callback' renders nothing of itself on a callback URL.
    if (isSigninCallback(href, config) || isRelayedCallback(href)) return transition(initialAuthState, { type: 'started', activity: 'callback' })
    const session = holder.current()
    const valid = usable(session)
    if (valid) return transition(initialAuthState, { type: 'session', session: valid })
    if (session?.refreshToken || link?.awaitsHandover) return initialAuthState
    return transition(initialAuthState, { type: 'signed-out' })
  }

  async function restore(): Promise<void> {
    await link?.handOver()
    const session = holder.current()
    const valid = usable(session)
    if (valid) lifecycle.show(valid)
    else if (session?.refreshToken) await renew().catch(() => undefined)
    else lifecycle.end(null, lifecycle.getState().error)
  }

  async function run(): Promise<void> {
    // The app loaded in a popup or a silent iframe (popupRedirectUri is the app's own page by default):
    // hand the answer to the window that waits for it, and do nothing else here. Only an app with one
    // of those features asks for such an answer, so only theirs carry the code to relay it.
    const relay = popup?.relay ?? silent?.relay
    if (relay && isRelayedCallback(window.location.href)) return relay()
    tabs?.start()
    idleTimer?.start()
    if (config.autoRenew) schedule.start()
    window.addEventListener('pageshow', onPageShow)
    void protocol.clearStaleSignins()
    const url = window.location.href
    if (isSigninCallback(url, config)) return completeRedirectSignin(url, { protocol, holder, lifecycle })
    completeSignoutReturn(config, logoutReturnKey)
    return restore()
  }

  /**
   * Back from the back/forward cache the page never reloaded: its "login" activity is stale, and a
   * callback or sign-out in this tab may have changed the stored session meanwhile.
   */
  function onPageShow(event: PageTransitionEvent): void {
    if (!event.persisted) return
    if (storageKind !== 'memory') holder.reload()
    const session = usable(holder.current())
    if (session) lifecycle.show(session)
    else if (!holder.current()) lifecycle.dispatch({ type: 'signed-out', error: lifecycle.getState().error })
    lifecycle.dispatch({ type: 'settled' })
  }

  const parts = { config, protocol, pending, holder, lifecycle, popup }
  const client: AuthClient = {
    getState: lifecycle.getState,
    subscribe: lifecycle.subscribe,
    getAppState: lifecycle.getAppState,
    start() {
      started ??= run()
      return started
    },
    dispose() {
      started = undefined
      tabs?.stop()
      idleTimer?.stop()
      schedule.stop()
      window.removeEventListener('pageshow', onPageShow)
      lifecycle.abortPopups()
    },
    login: createLogin(parts),
    logout: createLogout({ ...parts, tabs, returnKey: logoutReturnKey }),
    async getAccessToken(options) {
      await client.start()
      try {
        return await accessTokens.get(options)
      } catch (err) {
        // The refresh gate forgot a session whose refresh token the IdP refused.
        if (!holder.current() && lifecycle.getState().status === 'authenticated') lifecycle.end(null, toAuthError(err, 'Your session has ended'))
        throw err
      }
    },
    peekAccessToken: () => (lifecycle.getState().status === 'authenticated' ? accessTokens.peek() : null),
    async renew() {
      await client.start()
      await renew()
    },
    fetch: fetchFeature
      ? fetchFeature.create({
          getAccessToken: (tokenOptions) => client.getAccessToken(tokenOptions),
          renew: () => client.renew(),
          login: (loginOptions) => client.login(loginOptions),
          grantedScopes: () => lifecycle.getState().user?.scopes ?? [],
          stepUp: config.stepUp,
          // With DPoP every token is DPoP-bound: the protocol refuses a bearer token in its place.
          ...(dpop && { send: dpop.send }),
        })
      : () => Promise.reject(missingFeature('fetch', 'auth.fetch()')),
    loginWithDeviceCode: device
      ? device.create({ ...parts, dpop, start: () => client.start() })
      : () => Promise.reject(missingFeature('device-code', 'auth.loginWithDeviceCode()')),
  }
  const idleTimer = idle?.create(client, key, lifecycle.dispatch)
  return client
}
