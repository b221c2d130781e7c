/**
 * The idle timeout feature: sign out a user who walked away, with a warning first. Also
 * `@latchkey/react/idle-timeout`, with `useIdle()` and `<IdleWarning>`.
 *
 * @module @latchkey/core/idle-timeout
 */
import type { AuthClient } from './AuthClient.js'
import { AuthError } from './AuthError.js'
import { defineFeature, featureCode, missingFeature, type AuthFeature } from './AuthFeature.js'
import { dev } from './dev.js'
import { createIdleTimer, type IdleEnvironment, type IdleLogoutMode, type IdleTimeoutCode, type IdleTimer, type IdleTimerControl } from './createIdleTimer.js'
import type { AuthEvent } from './transitions.js'
import { webStorage } from './sessionPersistence.js'

export { formatCountdown } from './formatCountdown.js'
export { type IdleLogoutMode, type IdleSnapshot, type IdleTimer } from './createIdleTimer.js'

/** When an idle user is warned and signed out. Durations are in seconds, like `requestTimeoutSeconds`. */
export interface IdleTimeoutOptions {
  /** Seconds without activity in any of the app's tabs after which the user is signed out. Required; more than `warnBefore`. */
  after: number
  /** Seconds before the sign-out that the warning shows, with its countdown. Default 60; more than 0 and less than `after`. */
  warnBefore?: number
  /**
   * How the tab that reaches zero signs out; the other tabs sign out of the app only. `redirect`
   * (default) also ends the session at the IdP, so whoever sits down next cannot sign straight back
   * in. `local` ends this app's session only and stays on the page. (A popup needs a click, which an
   * idle user does not give.) The tokens are revoked either way, as `revokeOnLogout` says.
   */
  mode?: IdleLogoutMode
}

const timers = new WeakMap<AuthClient, IdleTimer>()

function browserEnvironment(): IdleEnvironment {
  return {
    createChannel: typeof BroadcastChannel === 'undefined' ? null : (name) => new BroadcastChannel(name),
    shared: webStorage('local'),
    tab: webStorage('session'),
    locks: typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null,
  }
}

function isSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
}

/**
 * Signs the user out after `after` seconds without activity (pointer, key, or the page coming back
 * into view) in any of the app's tabs, with a warning `warnBefore` seconds ahead. The tab that
 * reaches zero signs out as `mode` says, and every other tab signs out with it; the signed-out state
 * then carries an AuthError `idle_timeout`, also after a reload, until the next sign-in. A page that
 * slept past the deadline signs out as soon as it wakes or loads. Show the warning with
 * `<IdleWarning>` or `useIdle()` from `@latchkey/react/idle-timeout`, or `getIdleTimer(auth)`.
 *
 * Options (checked here; a bad value throws an AuthError `config` that says how to fix it):
 * - `after`: seconds. Required.
 * - `warnBefore`: seconds. Default 60.
 * - `mode`: `redirect` (default) or `local`.
 *
 * @example
 * import { idleTimeout } from '@latchkey/core/idle-timeout'
 * const auth = createAuthClient({ authority, clientId, features: [idleTimeout({ after: 15 * 60, warnBefore: 60 })] })
 */
export function idleTimeout(options: IdleTimeoutOptions): AuthFeature<'idle-timeout'> {
  const { after, warnBefore = 60, mode = 'redirect' } = options ?? ({} as Partial<IdleTimeoutOptions>)
  if (!isSeconds(after) || !isSeconds(warnBefore) || warnBefore >= after) {
    throw new AuthError(
      'config',
      dev
        ? `idleTimeout({ after, warnBefore }) takes seconds with after > warnBefore > 0, such as idleTimeout({ after: 900, warnBefore: 60 }) for 15 minutes with a one-minute warning; got after: ${String(after)}, warnBefore: ${String(warnBefore)}${options?.warnBefore === undefined ? ' (the default)' : ''}.`
        : 'idleTimeout: after > warnBefore > 0 (seconds)',
    )
  }
  if (mode !== 'redirect' && mode !== 'local') {
    throw new AuthError(
      'config',
      dev
        ? `idleTimeout({ mode }) is 'redirect' (the default: also ends the session at the IdP) or 'local' (this app only), not ${JSON.stringify(mode)}. A popup cannot open without the user's click.`
        : 'idleTimeout: mode is redirect or local',
    )
  }
  const settings = { afterMs: after * 1000, warnBeforeMs: warnBefore * 1000, mode }
  return defineFeature('idle-timeout', {
    create(client, key, dispatch, env = browserEnvironment()) {
      const timer = createIdleTimer(settings, client, key, dispatch, env)
      timers.set(client, timer)
      return timer
    },
  } satisfies IdleTimeoutCode)
}

/**
 * The idle timer of a client built with `idleTimeout()`: its snapshot (`warning`,
 * `remainingSeconds`), `subscribe` and `staySignedIn()`. For React, `useIdle()` reads it. Throws an
 * AuthError `config` for a client without the feature.
 *
 * @example
 * const idle = getIdleTimer(auth)
 * idle.subscribe(() => console.log(idle.getSnapshot().remainingSeconds))
 */
export function getIdleTimer(client: AuthClient): IdleTimer {
  const timer = timers.get(client)
  if (!timer) throw missingFeature('idle-timeout', 'getIdleTimer()')
  return timer
}

/**
 * The idle timer of a client that `createAuthClient` did not build (`@latchkey/testing`'s), made by
 * the `idleTimeout()` among `features` over `env` instead of the page's storage, channel and locks,
 * so such a client signs out exactly as a real one does. Undefined without that feature. `getIdleTimer`
 * finds the timer afterwards; the caller starts and stops it with its client.
 *
 * @internal
 */
export function createIdleTimerWith(
  features: readonly AuthFeature[],
  client: AuthClient,
  key: string,
  dispatch: (event: AuthEvent) => void,
  env: IdleEnvironment,
): IdleTimerControl | undefined {
  return featureCode<IdleTimeoutCode>(features, 'idle-timeout')?.create(client, key, dispatch, env)
}
