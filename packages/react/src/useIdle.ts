import { useMemo, useSyncExternalStore } from 'react'
import { getIdleTimer, type IdleSnapshot } from '@latchkey/core/idle-timeout'
import { useAuthClient } from './useAuthClient.js'

/** What `useIdle()` returns. */
export interface UseIdleResult extends IdleSnapshot {
  /** Ends the warning and starts the idle time over, in every tab. */
  readonly staySignedIn: () => void
}

/**
 * The idle timeout's warning, for a dialog of the app's own (or use `<IdleWarning>`). Only the
 * components that call it re-render, once a second while the warning shows; the rest of the app does
 * not. Needs `idleTimeout()` among the client's features: without it, it throws an AuthError `config`.
 *
 * @example
 * const { warning, remainingSeconds, staySignedIn } = useIdle()
 * if (warning) return <button onClick={staySignedIn}>Stay signed in ({remainingSeconds} s)</button>
 */
export function useIdle(): UseIdleResult {
  const timer = getIdleTimer(useAuthClient())
  const snapshot = useSyncExternalStore(timer.subscribe, timer.getSnapshot, timer.getSnapshot)
  return useMemo(() => ({ ...snapshot, staySignedIn: timer.staySignedIn }), [snapshot, timer])
}
