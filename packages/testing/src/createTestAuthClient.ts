import {
  AuthError,
  type AuthClient,
  type AuthFeature,
  type AuthState,
  type AuthUser,
  type DeviceLoginOptions,
  type LoginOptions,
  type LogoutOptions,
  type UserProfile,
} from '@latchkey/core'
import { createIdleTimerWith } from '@latchkey/core/idle-timeout'
import { createTestDeviceLogin, type TestDeviceControls } from './createTestDeviceLogin.js'

/** A user a test signs in as. Only `profile` is required. */
export interface TestUser {
  /** The user's claims; `sub` is required, add `name`, `roles` or any claim the app reads. */
  profile: UserProfile
  /** Default `['openid', 'profile']`. */
  scopes?: readonly string[]
  /** Seconds until the access token expires. Default 3600. */
  expiresIn?: number
}

/** Options of `createTestAuthClient()` (and props of `TestAuthProvider`). All are optional. */
export interface TestAuthClientOptions {
  /** The signed-in user, or null (the default) for an anonymous visitor. */
  user?: TestUser | null
  /** What `login()` does: sign in as this user at once (the default: the `user` option, else a test user), or stay anonymous. */
  signInAs?: TestUser | 'stay-anonymous'
  /** What `getAccessToken()` returns. Default `test-access-token`. */
  accessToken?: string
  /** Start in the `loading` state until `finishLoading()` is called. Default false. */
  loading?: boolean
  /**
   * Features to play as the real client does: `idleTimeout()` (its own timer, with no storage or
   * channel shared between tests, so `useIdle()`, `<IdleWarning>` and `getIdleTimer()` work with fake
   * timers) and `deviceCode()` (`loginWithDeviceCode()` answered through `client.device`). Others
   * change nothing here. Default: none.
   */
  features?: readonly AuthFeature[]
}

/** An AuthClient for component tests: no network, no storage, state set by the test. */
export interface TestAuthClient extends AuthClient {
  /** Every `login()`, `logout()` and `loginWithDeviceCode()` call, in order, for assertions. */
  readonly calls: {
    /** The options of each `login()` call. */
    readonly login: readonly LoginOptions[]
    /** The options of each `logout()` call. */
    readonly logout: readonly LogoutOptions[]
    /** The options of each `loginWithDeviceCode()` call. */
    readonly deviceLogin: readonly DeviceLoginOptions[]
  }
  /** What the user does on the other device, to settle the device sign-in under way (needs `deviceCode()`). */
  readonly device: TestDeviceControls
  /** Signs a user in (or out, with null) as the IdP would have. */
  setUser(user: TestUser | null): void
  /** Puts an AuthError in the state, as a failed sign-in or renewal would. */
  setError(error: AuthError | null): void
  /** Ends the `loading` state that the `loading` option started: the client shows its `user` (or none). */
  finishLoading(): void
}

const defaultUser: TestUser = { profile: { sub: 'test-user', name: 'Test User', email: 'test@example.com' } }

function toAuthUser(user: TestUser): AuthUser {
  return Object.freeze({
    profile: user.profile,
    scopes: user.scopes ?? ['openid', 'profile'],
    expiresAt: Date.now() + (user.expiresIn ?? 3600) * 1000,
  })
}

/**
 * A client for component tests: no network, no storage, the user chosen by the test. `login()`
 * records its options and signs in at once; `logout()` records and signs out.
 *
 * @example
 * const auth = createTestAuthClient({ user: { profile: { sub: 'ada', name: 'Ada', roles: ['admin'] } } })
 * render(<AuthProvider client={auth}><AdminPage /></AuthProvider>)
 */
export function createTestAuthClient(options: TestAuthClientOptions = {}): TestAuthClient {
  const features = options.features ?? []
  const listeners = new Set<() => void>()
  const logins: LoginOptions[] = []
  const logouts: LogoutOptions[] = []
  const signedIn = (user: TestUser | null): AuthState =>
    Object.freeze({ status: user ? 'authenticated' : 'anonymous', user: user ? toAuthUser(user) : null, error: null, pending: null })
  let state: AuthState = options.loading
    ? Object.freeze({ status: 'loading', user: null, error: null, pending: null })
    : signedIn(options.user ?? null)
  const settled = options.loading ? null : state

  const set = (next: AuthState) => {
    state = next
    for (const listener of [...listeners]) listener()
  }
  const loginTarget = () => (options.signInAs === 'stay-anonymous' ? undefined : options.signInAs) ?? options.user ?? defaultUser
  const device = createTestDeviceLogin({
    enabled: features.some((feature) => feature.kind === 'device-code'),
    getState: () => state,
    set,
    signIn: (user) => set(signedIn(user ?? loginTarget())),
  })

  const client: TestAuthClient = {
    calls: { login: logins, logout: logouts, deviceLogin: device.calls },
    device: device.controls,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    start() {
      idleTimer?.start()
      return Promise.resolve()
    },
    async login(loginOptions = {}) {
      logins.push(loginOptions)
      if (options.signInAs !== 'stay-anonymous') set(signedIn(loginTarget()))
    },
    async logout(logoutOptions = {}) {
      logouts.push(logoutOptions)
      device.cancelAll()
      set(signedIn(null))
      const mode = logoutOptions.mode ?? 'redirect'
      return { idpSession: mode === 'local' ? 'kept' : mode === 'popup' ? 'ended' : 'ending', revoked: false } as const
    },
    async getAccessToken() {
      if (state.status !== 'authenticated') throw new AuthError('login_required', 'Nobody is signed in in this test: pass a user or call login().')
      return options.accessToken ?? 'test-access-token'
    },
    peekAccessToken: () => (state.status === 'authenticated' ? (options.accessToken ?? 'test-access-token') : null),
    /** Adds the test token; whatever the test's own fetch mock or server answers is returned as is. */
    async fetch(input, init) {
      const request = new Request(input, init)
      if (state.status === 'authenticated') request.headers.set('Authorization', `Bearer ${options.accessToken ?? 'test-access-token'}`)
      return fetch(request)
    },
    loginWithDeviceCode: device.loginWithDeviceCode,
    renew: () => Promise.resolve(),
    getAppState: () => undefined,
    // Like the real client's, a disposed test client keeps its subscribers and may start again (StrictMode does both).
    dispose() {
      idleTimer?.stop()
      device.cancelAll()
    },
    setUser: (user) => set(signedIn(user)),
    setError: (error) => set(Object.freeze({ ...state, error })),
    finishLoading() {
      if (state.status === 'loading') set(settled ?? signedIn(options.user ?? null))
    },
  }
  // The idle timeout's own code, over nothing shared: its only event, the idle sign-out's reason, lands in the state.
  const idleTimer = createIdleTimerWith(features, client, 'latchkey:test', (event) => {
    if (event.type === 'signed-out') set(Object.freeze({ status: 'anonymous', user: null, error: event.error ?? null, pending: event.activity ?? null }))
  }, { createChannel: null, shared: null, tab: null, locks: null })
  return client
}
