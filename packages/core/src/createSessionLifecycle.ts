import { AuthError } from './AuthError.js'
import { dev } from './dev.js'
import type { AuthState } from './AuthState.js'
import type { SessionHolder } from './createSessionHolder.js'
import type { RenewalSchedule } from './createRenewalSchedule.js'
import { createStore } from './createStore.js'
import type { TabLink } from './TabLink.js'
import { isNewerSession, type Session } from './Session.js'
import { toAuthError } from './toAuthError.js'
import { transition, type AuthEvent } from './transitions.js'

export interface SessionLifecycleOptions {
  holder: SessionHolder
  schedule: RenewalSchedule
  /** The tab sync feature's part, or null without it: this tab then keeps its session to itself. */
  link: TabLink | null
  /** The state before anything has happened, computed on first read. */
  initialState(): AuthState
  /** Forgets what else belongs to the session (tokens for other resources). */
  onForget(): void
}

/**
 * What this tab shows and does as a session begins, changes and ends: the state store (every change
 * through `transition`), the renewal plan, the mark offered to new tabs, and the lineages that ended
 * here, so that no late message or request can bring one back.
 */
export function createSessionLifecycle(options: SessionLifecycleOptions) {
  const { holder, schedule, link } = options
  const tabs = link?.tabs
  const store = createStore<AuthState>(options.initialState)
  const ended = new Set<string>()
  let popups = new AbortController()
  let appState: unknown

  const dispatch = (event: AuthEvent) => store.set(transition(store.get(), event))

  /** `session` is current now: shown (with `error` when renewal is failing), renewed ahead of expiry, offered to new tabs. */
  function show(session: Session, error: AuthError | null = null): void {
    dispatch(error ? { type: 'degraded', session, error } : { type: 'session', session })
    schedule.plan(session)
    tabs?.markHolding(true)
  }

  function abortPopups(): void {
    popups.abort()
    popups = new AbortController()
  }

  /** Forgets everything of the session in this tab. Returns the lineage that ended, if there was one. */
  function forget(): string | null {
    const lineage = holder.current()?.lineage ?? null
    if (lineage !== null) {
      ended.add(lineage)
      link?.forget(lineage)
    }
    holder.clear()
    options.onForget()
    schedule.plan(null)
    tabs?.markHolding(false)
    abortPopups()
    appState = undefined
    return lineage
  }

  return {
    getState: store.get,
    subscribe: store.subscribe,
    dispatch,
    show,
    forget,
    getAppState: () => appState,
    /** Aborted when the session ends or the client is disposed: popups stop waiting for late results. */
    popupSignal: () => popups.signal,
    abortPopups,
    hasEnded: (lineage: string) => ended.has(lineage),

    /** The session ended here or in another tab (`lineage`), with `error` when it failed. */
    end(lineage: string | null, error: AuthError | null): void {
      if (lineage !== null) ended.add(lineage)
      forget()
      dispatch({ type: 'signed-out', error })
    },

    /** An activity failed without changing who is signed in. */
    fail(err: unknown, context: string): AuthError {
      const error = toAuthError(err, context)
      dispatch({ type: 'failed', error })
      return error
    },

    /** A sign-in completed here: current, here and in the other tabs, unless a sign-out came after `generation`. */
    adoptSignin(session: Session, generation: number, signinAppState: unknown): void {
      if (!holder.replace(session, generation)) throw new AuthError('login_required', dev ? 'You signed out while the sign-in was completing.' : '')
      appState = signinAppState
      show(session)
      link?.announce(session)
    },

    /** Another tab signed in or renewed. */
    receive(session: Session): void {
      const current = holder.current()
      if (ended.has(session.lineage) || !isNewerSession(session, current)) return
      // Another lineage is another sign-in: taken only when this app shares its session across tabs.
      if (current?.lineage !== session.lineage && !link?.shareSession) return
      if (holder.replace(session, holder.generation())) show(session)
    },
  }
}

export type SessionLifecycle = ReturnType<typeof createSessionLifecycle>
