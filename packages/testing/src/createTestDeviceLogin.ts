import { AuthError, type AuthClient, type AuthState, type DeviceAuthorization, type DeviceLoginOptions } from '@latchkey/core'
import type { TestUser } from './createTestAuthClient.js'

/** What the user does on the other device during a test's device sign-in (`client.device`). */
export interface TestDeviceControls {
  /** The user signs in on the other device: the client signs in as `user` (default: the `signInAs` user, else `user`, else the test user) and `signedIn` resolves. */
  approve(user?: TestUser): void
  /** The user refuses: `signedIn` rejects with `access_denied`, which the state shows. */
  deny(): void
  /** The code expires unused, as it does by itself once the clock passes `expiresAt`: `signedIn` rejects with `device_code_expired`. */
  expire(): void
}

/** What the fake device sign-in needs of the test client. */
export interface TestDeviceLoginParts {
  /** Whether the client has `deviceCode()` among its features. */
  enabled: boolean
  getState(): AuthState
  set(state: AuthState): void
  /** Signs in as `user`, or without one as the `signInAs` user, else `user`, else the test user. */
  signIn(user: TestUser | undefined): void
}

const testUserCode = 'TEST-CODE'
const verificationUri = 'https://idp.test/device'
/** Seconds a test code lives and between polls: what a real IdP commonly answers. */
const expiresInSeconds = 600
const intervalSeconds = 5

/**
 * `loginWithDeviceCode()` with no IdP: the same state as the real one (`pending: 'login'` while the
 * code is out, the IdP's refusals as `error`, a cancel leaving no error), settled by the test's
 * `TestDeviceControls` instead of polling.
 */
export function createTestDeviceLogin({ enabled, getState, set, signIn }: TestDeviceLoginParts) {
  const calls: DeviceLoginOptions[] = []
  // The latest last: the controls answer the code a screen shows now.
  const waiting: ((outcome: TestUser | undefined | AuthError) => void)[] = []

  function latest(): (outcome: TestUser | undefined | AuthError) => void {
    const settle = waiting.at(-1)
    if (!settle) {
      throw new Error(
        enabled
          ? 'No device sign-in is waiting: call loginWithDeviceCode() (or render <DeviceLogin>) first.'
          : 'No device sign-in is waiting: this test client has no device sign-in. Pass createTestAuthClient({ features: [deviceCode()] }).',
      )
    }
    return settle
  }

  const loginWithDeviceCode: AuthClient['loginWithDeviceCode'] = async (options = {}) => {
    calls.push(options)
    if (!enabled) {
      throw new AuthError(
        'config',
        "auth.loginWithDeviceCode() needs the device-code feature, which this test client did not add. Add it: import { deviceCode } from '@latchkey/core/device-code', then createTestAuthClient({ ..., features: [deviceCode()] }).",
      )
    }
    // As the real client's 'started' event: a sign-in starts over without the last error.
    set(Object.freeze({ ...getState(), pending: 'login', error: null }))
    const expiresAt = Date.now() + expiresInSeconds * 1000
    let settle!: (outcome: TestUser | undefined | AuthError) => void
    const signedIn = new Promise<void>((resolve, reject) => {
      settle = (outcome) => {
        const index = waiting.indexOf(settle)
        if (index === -1) return
        waiting.splice(index, 1)
        clearTimeout(expiry)
        options.signal?.removeEventListener('abort', cancel)
        if (!(outcome instanceof AuthError)) {
          signIn(outcome)
          return resolve()
        }
        const state = getState()
        // A cancel is the app's own doing, not an error to show; the IdP's answers are.
        if (outcome.code !== 'cancelled') set(Object.freeze({ ...state, pending: null, error: outcome }))
        else if (state.pending !== null) set(Object.freeze({ ...state, pending: null }))
        reject(outcome)
      }
    })
    // An app that cancels need not also catch, as with the real client.
    signedIn.catch(() => undefined)
    waiting.push(settle)
    const cancel = () => settle(new AuthError('cancelled', 'The device sign-in was cancelled.'))
    const expiry = setTimeout(() => settle(expiredCode()), expiresInSeconds * 1000)
    if (options.signal?.aborted) cancel()
    else options.signal?.addEventListener('abort', cancel, { once: true })
    return {
      userCode: testUserCode,
      verificationUri,
      verificationUriComplete: `${verificationUri}?user_code=${testUserCode}`,
      expiresAt,
      interval: intervalSeconds,
      signedIn,
      cancel,
    } satisfies DeviceAuthorization
  }

  const controls: TestDeviceControls = {
    approve: (user) => latest()(user),
    deny: () => latest()(new AuthError('access_denied', 'The sign-in on the other device was refused.')),
    expire: () => latest()(expiredCode()),
  }

  return {
    loginWithDeviceCode,
    controls,
    calls,
    /** A sign-out or `dispose()` cancels every code still out, as the real client's do. */
    cancelAll(): void {
      for (const settle of [...waiting]) settle(new AuthError('cancelled', 'The device sign-in was cancelled.'))
    },
  }
}

function expiredCode(): AuthError {
  return new AuthError('device_code_expired', 'The code expired before anyone signed in with it. Ask for a new code.')
}
