import type { AuthClient, LogoutMode } from './AuthClient.js'
import { AuthError } from './AuthError.js'
import type { AuthState } from './AuthState.js'
import { setClampedTimeout } from './clampedTimeout.js'
import { createStore } from './createStore.js'
import type { AuthEvent } from './transitions.js'

/** What the idle timer shows: the same object until it changes, so it is safe to compare by identity. */
export interface IdleSnapshot {
  /** True while the warning shows: the user is signed out when `remainingSeconds` reaches 0. */
  readonly warning: boolean
  /** Whole seconds left before the sign-out (rounded up) while `warning` is true, else null. */
  readonly remainingSeconds: number | null
}

/** The idle timer of one client: a small store of its own, so only what reads it re-renders each second. */
export interface IdleTimer {
  /** The current snapshot. */
  getSnapshot(): IdleSnapshot
  /** Calls `listener` after each change of the snapshot; returns the unsubscribe. */
  subscribe(listener: () => void): () => void
  /** Counts as activity in every tab: ends the warning and starts the idle time over. Does nothing when signed out. */
  staySignedIn(): void
}

/** How a client's idle timer starts and stops with the client. */
export interface IdleTimerControl extends IdleTimer {
  start(): void
  stop(): void
}

/** A sign-out mode that needs no click: a popup cannot open without one. */
export type IdleLogoutMode = Exclude<LogoutMode, 'popup'>

/** The checked options, in milliseconds. */
export interface IdleSettings {
  afterMs: number
  warnBeforeMs: number
  mode: IdleLogoutMode
}

/** What the idle timeout feature brings to the client. */
export interface IdleTimeoutCode {
  /** Builds the idle timer of `client`, whose storage and channel names start with `key`, over `env` (the browser's by default). */
  create(client: AuthClient, key: string, dispatch: (event: AuthEvent) => void, env?: IdleEnvironment): IdleTimerControl
}

/** The page's means: tests pass fakes, the browser gives its own. */
export interface IdleEnvironment {
  /** Opens a BroadcastChannel, or null where there is none. */
  createChannel: ((name: string) => BroadcastChannel) | null
  /** Shared by the app's tabs (localStorage): the last activity, for a reload, a new tab or a tab that slept. */
  shared: Storage | null
  /** This tab's (sessionStorage): that it was signed out for being idle, so a reload still says why. */
  tab: Storage | null
  /** The Web Locks API (`navigator.locks`), or null: picks the one tab that signs out as configured. */
  locks: Pick<LockManager, 'request'> | null
}

type IdleMessage = { readonly type: 'active'; readonly at: number } | { readonly type: 'expired' }

/** Pointer and key activity; `visibilitychange` counts separately, once the sleeping page has been checked. */
const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const
/** Activity reaches storage and the other tabs at most this often: not on every mousemove. */
export const shareActivityEveryMs = 5000

const quiet: IdleSnapshot = Object.freeze({ warning: false, remainingSeconds: null })

function read(storage: Storage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null
  } catch {
    return null
  }
}

function write(storage: Storage | null, key: string, value: string | null): void {
  try {
    if (value === null) storage?.removeItem(key)
    else storage?.setItem(key, value)
  } catch {
    // Blocked or full: the tabs still hear each other over the channel.
  }
}

/**
 * Signs the user out after `afterMs` without activity in any of the app's tabs, warning
 * `warnBeforeMs` ahead. Every deadline is measured from the last activity (kept in memory, in
 * `shared` storage and told over the channel) with `Date.now()` and `setTimeout`, so a page that slept
 * or whose timers were throttled finds the true idle time when it next checks.
 */
export function createIdleTimer(settings: IdleSettings, client: AuthClient, key: string, dispatch: (event: AuthEvent) => void, env: IdleEnvironment): IdleTimerControl {
  const { afterMs, warnBeforeMs } = settings
  const store = createStore<IdleSnapshot>(() => quiet)
  const activityKey = `${key}:idle`
  const endedKey = `${key}:idle-ended`
  let last = 0
  let sharedAt = -Infinity
  let channel: BroadcastChannel | null = null
  let cancelTimer = (): void => undefined
  let cancelShare: (() => void) | null = null
  let unsubscribe = (): void => undefined
  let previous: AuthState | null = null
  let running = false
  // Kept in memory too: without storage the reason still shows until this page unloads.
  let ended = read(env.tab, endedKey) !== null

  const signedIn = () => client.getState().status === 'authenticated'
  const markEnded = (value: boolean) => {
    if (value === ended) return
    ended = value
    write(env.tab, endedKey, value ? '1' : null)
  }
  const post = (message: IdleMessage) => channel?.postMessage(message)

  /** The last activity another tab stored; never in this tab's future, should their clocks differ. */
  function storedActivity(): number {
    const at = Number(read(env.shared, activityKey))
    return Number.isFinite(at) ? Math.min(at, Date.now()) : 0
  }

  /**
   * Activity here: remembered at once, shared with storage and the other tabs at most every few
   * seconds, the last of a burst included, so no tab reaches zero early for want of it.
   */
  function touch(): void {
    last = Date.now()
    if (last - sharedAt >= shareActivityEveryMs) share()
    else cancelShare ??= setClampedTimeout(share, sharedAt + shareActivityEveryMs)
  }

  function share(): void {
    cancelShare?.()
    cancelShare = null
    sharedAt = Date.now()
    write(env.shared, activityKey, String(last))
    post({ type: 'active', at: last })
  }

  function show(snapshot: IdleSnapshot): void {
    const current = store.get()
    if (current.warning !== snapshot.warning || current.remainingSeconds !== snapshot.remainingSeconds) store.set(snapshot)
  }

  /** Where the idle time stands now: nothing, the warning (re-checked as each second passes), or the end. */
  function check(): void {
    cancelTimer()
    if (!signedIn()) return show(quiet)
    last = Math.max(last, storedActivity())
    const now = Date.now()
    const left = last + afterMs - now
    if (left <= 0) return expire()
    if (left > warnBeforeMs) {
      show(quiet)
      cancelTimer = setClampedTimeout(check, last + afterMs - warnBeforeMs)
      return
    }
    const seconds = Math.ceil(left / 1000)
    show({ warning: true, remainingSeconds: seconds })
    cancelTimer = setClampedTimeout(check, now + left - (seconds - 1) * 1000)
  }

  /**
   * Zero. One tab signs out as configured and tells the others, which sign out of the app only:
   * tabs share one clock and reach zero together, and two trips to the IdP's end-session page at
   * once would race each other there. A tab that finds the lock taken waits for that tab's word.
   */
  function expire(): void {
    show(quiet)
    markEnded(true)
    if (!env.locks) {
      void lead()
      return
    }
    void env.locks
      .request(`${activityKey}:sign-out`, { ifAvailable: true }, (lock) => (lock ? lead() : undefined))
      .catch(() => lead())
  }

  /** Signs out as configured; the lock, when there is one, is held until that is done. */
  function lead(): Promise<unknown> | undefined {
    if (!signedIn()) {
      giveReason()
      return undefined
    }
    const done = signOut(settings.mode)
    post({ type: 'expired' })
    return done
  }

  function signOut(mode: IdleLogoutMode): Promise<unknown> {
    // Failures land in the state as the error; the session is gone here either way.
    const done = client.logout({ mode }).catch(() => undefined)
    giveReason()
    return done
  }

  /** After an idle sign-out, and until the next sign-in, the signed-out state says why. */
  function giveReason(): void {
    const state = client.getState()
    if (state.status !== 'anonymous' || state.error !== null || !ended) return
    if (state.pending !== null && state.pending !== 'logout') return
    const minutes = afterMs / 60_000
    const away = Number.isInteger(minutes) ? `${minutes} min` : `${Math.round(afterMs / 1000)} s`
    dispatch({ type: 'signed-out', activity: state.pending, error: new AuthError('idle_timeout', `You were signed out after ${away} without activity. Sign in again to continue.`) })
  }

  function onState(): void {
    const state = client.getState()
    const before = previous
    previous = state
    if (state.pending === 'login' || state.pending === 'callback') markEnded(false)
    if (state.status !== 'authenticated') {
      cancelTimer()
      show(quiet)
      return giveReason()
    }
    if (before?.status === 'authenticated') return
    markEnded(false)
    // A sign-in that completed here is activity; a restored session keeps the idle time it had.
    if (before?.pending === 'callback' || before?.pending === 'login' || storedActivity() === 0) {
      last = Date.now()
      share()
    }
    check()
  }

  function onActivity(): void {
    // While the warning shows, only "Stay signed in" keeps the session: a key press to reach the
    // button, or a mouse crossing the screen, must not make the dialog vanish under it.
    if (signedIn() && !store.get().warning) touch()
  }

  function onVisibility(): void {
    if (document.visibilityState !== 'visible') return
    // A page that slept past the deadline signs out before its return counts as activity.
    check()
    onActivity()
  }

  function onMessage(event: MessageEvent): void {
    const message = event.data as Partial<IdleMessage> | null
    if (message?.type === 'active' && signedIn()) {
      // Never in this tab's future, should the clocks differ.
      last = Math.max(last, Math.min(Number(message.at) || 0, Date.now()))
      check()
    } else if (message?.type === 'expired') {
      markEnded(true)
      if (signedIn()) void signOut('local')
      else giveReason()
    }
  }

  function staySignedIn(): void {
    if (!signedIn()) return
    last = Date.now()
    share()
    check()
  }

  return {
    getSnapshot: store.get,
    subscribe: store.subscribe,
    staySignedIn,
    start() {
      if (running || typeof document === 'undefined') return
      running = true
      channel = env.createChannel?.(activityKey) ?? null
      channel?.addEventListener('message', onMessage)
      for (const type of activityEvents) document.addEventListener(type, onActivity, { passive: true, capture: true })
      document.addEventListener('visibilitychange', onVisibility)
      unsubscribe = client.subscribe(onState)
      previous = null
      onState()
    },
    stop() {
      if (!running) return
      running = false
      channel?.removeEventListener('message', onMessage)
      channel?.close()
      channel = null
      for (const type of activityEvents) document.removeEventListener(type, onActivity, { capture: true })
      document.removeEventListener('visibilitychange', onVisibility)
      unsubscribe()
      cancelTimer()
      cancelShare?.()
      cancelShare = null
      show(quiet)
    },
  }
}
