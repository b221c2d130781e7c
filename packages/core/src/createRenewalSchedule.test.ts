import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createRenewalSchedule, type RenewalSchedule } from './createRenewalSchedule.js'
import { createFakePageSignals } from './test/fakePageSignals.js'
import { createTestSession } from './test/testSession.js'
import { useIdleFakeTimers } from './test/useIdleFakeTimers.js'

const second = 1000
const minute = 60 * second
const day = 24 * 60 * minute

beforeEach(async () => {
  await useIdleFakeTimers({ now: 0 })
})

/** A started schedule whose renewals are recorded by the time (ms since the test began) they happened. */
function startSchedule({ random = 0, renew = (_schedule: RenewalSchedule): void => undefined } = {}) {
  const signals = createFakePageSignals()
  const renewedAt: number[] = []
  const schedule: RenewalSchedule = createRenewalSchedule({
    renew: () => {
      renewedAt.push(Date.now())
      renew(schedule)
    },
    signals,
    random: () => random,
  })
  schedule.start()
  return { schedule, signals, renewedAt }
}

/** A session issued now, valid for `lifetimeMs`. */
function validFor(lifetimeMs: number) {
  return createTestSession({ issuedAt: Date.now(), expiresAt: Date.now() + lifetimeMs })
}

describe('createRenewalSchedule', () => {
  it('does not renew a token valid for 30 days early, though that is beyond what setTimeout can hold', () => {
    const { schedule, renewedAt } = startSchedule({ random: 0.5 })
    schedule.plan(validFor(30 * day))
    vi.advanceTimersByTime(29 * day)
    expect(renewedAt).toEqual([])
    vi.advanceTimersByTime(day)
    expect(renewedAt).toEqual([30 * day - minute - 15 * second])
  })

  it.each([
    [0, 90 * second],
    [0.5, 87.5 * second],
    [1, 85 * second],
  ])('renews a tenth of the lifetime early, less a jitter of at most half that (random %d)', (random, expected) => {
    const { schedule, renewedAt } = startSchedule({ random })
    schedule.plan(validFor(100 * second))
    vi.advanceTimersByTime(expected - 1)
    expect(renewedAt).toEqual([])
    vi.advanceTimersByTime(100 * second)
    expect(renewedAt).toEqual([expected])
  })

  it('renews a one-hour token at most a minute and a half early', () => {
    const { schedule, renewedAt } = startSchedule({ random: 1 })
    schedule.plan(validFor(60 * minute))
    vi.advanceTimersByTime(60 * minute)
    expect(renewedAt).toEqual([58.5 * minute])
  })

  it('waits at least a second, even for a token that has already expired', () => {
    const { schedule, renewedAt } = startSchedule()
    schedule.plan(createTestSession({ issuedAt: -10 * second, expiresAt: -1 }))
    vi.advanceTimersByTime(999)
    expect(renewedAt).toEqual([])
    vi.advanceTimersByTime(1)
    expect(renewedAt).toEqual([second])
  })

  it('does not renew before start()', () => {
    const signals = createFakePageSignals()
    const renew = vi.fn()
    const schedule = createRenewalSchedule({ renew, signals, random: () => 0 })
    schedule.plan(validFor(100 * second))
    vi.advanceTimersByTime(day)
    expect(renew).not.toHaveBeenCalled()
    expect(signals.listenerCount).toBe(0)
  })

  it('stops renewing once planned with no session', () => {
    const { schedule, signals, renewedAt } = startSchedule()
    schedule.plan(validFor(100 * second))
    schedule.plan(null)
    vi.advanceTimersByTime(day)
    signals.wake()
    expect(renewedAt).toEqual([])
  })

  it('backs off 1 s, 2 s, 4 s … up to 30 s while renewal keeps failing', () => {
    const { schedule, renewedAt } = startSchedule({ renew: (failing) => failing.retryLater() })
    schedule.retryLater()
    vi.advanceTimersByTime(2 * minute)
    const waits = renewedAt.map((at, index) => at - (renewedAt[index - 1] ?? 0))
    expect(waits.slice(0, 7)).toEqual([1, 2, 4, 8, 16, 30, 30].map((s) => s * second))
  })

  it('starts the backoff over after a renewal succeeds', () => {
    const { schedule, renewedAt } = startSchedule()
    schedule.retryLater()
    schedule.retryLater()
    schedule.retryLater()
    schedule.plan(validFor(60 * minute))
    schedule.retryLater()
    vi.advanceTimersByTime(second)
    expect(renewedAt).toEqual([second])
  })

  describe('when the page wakes up', () => {
    it('renews at once when the renewal came due while timers were asleep', () => {
      const { schedule, signals, renewedAt } = startSchedule()
      schedule.plan(validFor(100 * second))
      // The machine slept: the clock moved on, the timer did not run.
      vi.setSystemTime(90 * second)
      signals.wake()
      expect(renewedAt).toEqual([90 * second])
    })

    it('does not renew a token that is not due yet', () => {
      const { schedule, signals, renewedAt } = startSchedule()
      schedule.plan(validFor(100 * second))
      vi.setSystemTime(85 * second)
      signals.wake()
      expect(renewedAt).toEqual([])
    })

    it('retries at once after a failure, without waiting for the backoff', () => {
      const { schedule, signals, renewedAt } = startSchedule()
      schedule.retryLater()
      schedule.retryLater()
      signals.wake()
      expect(renewedAt).toEqual([0])
    })

    it('does nothing when there is no session', () => {
      const { signals, renewedAt } = startSchedule()
      signals.wake()
      expect(renewedAt).toEqual([])
    })
  })

  it('leaves no timer and no wake listener after stop(), and renews nothing', () => {
    const { schedule, signals, renewedAt } = startSchedule()
    schedule.plan(validFor(100 * second))
    schedule.stop()
    expect(signals.listenerCount).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(day)
    signals.wake()
    expect(renewedAt).toEqual([])
  })

  it('keeps no timer after stop() while backing off', () => {
    const { schedule, renewedAt } = startSchedule()
    schedule.retryLater()
    schedule.stop()
    vi.advanceTimersByTime(day)
    expect(renewedAt).toEqual([])
  })

  it('re-arms on start() after stop()', () => {
    const { schedule, signals, renewedAt } = startSchedule()
    schedule.plan(validFor(100 * second))
    schedule.stop()
    schedule.start()
    expect(signals.listenerCount).toBe(1)
    vi.advanceTimersByTime(100 * second)
    expect(renewedAt).toEqual([90 * second])
  })

  it('renews at once on start() when the renewal came due while stopped', () => {
    const { schedule, renewedAt } = startSchedule()
    schedule.plan(validFor(100 * second))
    schedule.stop()
    vi.setSystemTime(95 * second)
    schedule.start()
    vi.advanceTimersByTime(0)
    expect(renewedAt).toEqual([95 * second])
  })

  it('listens for the page waking up only once, however often it is started', () => {
    const { schedule, signals } = startSchedule()
    schedule.start()
    expect(signals.listenerCount).toBe(1)
  })
})
