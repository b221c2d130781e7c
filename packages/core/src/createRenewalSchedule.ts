import { setClampedTimeout } from './clampedTimeout.js'
import { renewalDelay, renewalLead, retryDelay } from './renewalDelay.js'
import type { Session } from './Session.js'

/** The page events the schedule catches up on; a seam for tests. */
export interface PageSignals {
  isVisible(): boolean
  /** Calls back when the page becomes visible again or the browser comes back online; returns the unsubscribe. */
  onWake(listener: () => void): () => void
}

export const browserPageSignals: PageSignals = {
  isVisible: () => document.visibilityState === 'visible',
  onWake(listener) {
    const onVisible = () => {
      if (document.visibilityState === 'visible') listener()
    }
    document.addEventListener('visibilitychange', onVisible)
    window.addEventListener('online', listener)
    return () => {
      document.removeEventListener('visibilitychange', onVisible)
      window.removeEventListener('online', listener)
    }
  },
}

export interface RenewalScheduleOptions {
  /** Renews; the schedule is told the outcome through `plan` or `retryLater`. */
  renew(): void
  signals: PageSignals
  now?: () => number
  /** 0..1; spreads the tabs that share a session over the last part of the renewal window. */
  random?: () => number
}

export interface RenewalSchedule {
  start(): void
  stop(): void
  /** Renews `session` ahead of its expiry; null stops renewing. Resets the backoff. */
  plan(session: Session | null): void
  /** After a transient failure: try again with backoff, or sooner when the page wakes up. */
  retryLater(): void
}

/**
 * When to renew. A tenth of the token's lifetime early (at most a minute), minus a random share of
 * half that lead, so tabs holding the same session do not all reach for it at once: the first renews,
 * the others receive its session and re-plan. Timers are throttled in background tabs and lost in
 * sleep, so the page waking up (visible, online) catches up on a renewal that is due.
 */
export function createRenewalSchedule(options: RenewalScheduleOptions): RenewalSchedule {
  const now = options.now ?? Date.now
  const random = options.random ?? Math.random
  let running = false
  let dueAt: number | undefined
  let failures = 0
  let cancelTimer: (() => void) | undefined
  let unsubscribe: (() => void) | undefined

  const arm = (at: number) => {
    cancelTimer?.()
    cancelTimer = running ? setClampedTimeout(() => options.renew(), at, now) : undefined
  }
  const onWake = () => {
    if (dueAt !== undefined && (failures > 0 || now() >= dueAt - 1000)) options.renew()
  }

  return {
    start() {
      if (running) return
      running = true
      unsubscribe = options.signals.onWake(onWake)
      if (dueAt !== undefined) arm(dueAt)
    },
    stop() {
      running = false
      cancelTimer?.()
      cancelTimer = undefined
      unsubscribe?.()
      unsubscribe = undefined
    },
    plan(session) {
      failures = 0
      if (!session) {
        dueAt = undefined
        cancelTimer?.()
        return
      }
      const delay = renewalDelay(session.issuedAt, session.expiresAt, now())
      const lead = renewalLead(session.issuedAt, session.expiresAt)
      dueAt = now() + Math.max(1000, delay - random() * (lead / 2))
      arm(dueAt)
    },
    retryLater() {
      failures += 1
      dueAt = now() + retryDelay(failures)
      arm(dueAt)
    },
  }
}
