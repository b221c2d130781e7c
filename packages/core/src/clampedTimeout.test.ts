import { beforeEach, describe, expect, it, vi } from 'vitest'
import { maxTimerDelayMs, setClampedTimeout } from './clampedTimeout.js'
import { useIdleFakeTimers } from './test/useIdleFakeTimers.js'

const day = 24 * 60 * 60_000

beforeEach(async () => {
  await useIdleFakeTimers()
})

describe('setClampedTimeout', () => {
  it('waits 30 days, beyond what setTimeout can hold, instead of firing at once', () => {
    const callback = vi.fn()
    setClampedTimeout(callback, Date.now() + 30 * day)
    vi.advanceTimersByTime(maxTimerDelayMs + 1)
    expect(callback).not.toHaveBeenCalled()
    vi.advanceTimersByTime(30 * day - maxTimerDelayMs - 2)
    expect(callback).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(callback).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(60 * day)
    expect(callback).toHaveBeenCalledTimes(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('fires on time for a short delay', () => {
    const callback = vi.fn()
    setClampedTimeout(callback, Date.now() + 5000)
    vi.advanceTimersByTime(4999)
    expect(callback).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(callback).toHaveBeenCalledTimes(1)
  })

  it('fires a time already past on the next turn, not synchronously', () => {
    const callback = vi.fn()
    setClampedTimeout(callback, Date.now() - 1000)
    expect(callback).not.toHaveBeenCalled()
    vi.advanceTimersByTime(0)
    expect(callback).toHaveBeenCalledTimes(1)
  })

  it('never fires once cancelled, even after it re-armed for a far time', () => {
    const callback = vi.fn()
    const cancel = setClampedTimeout(callback, Date.now() + 30 * day)
    vi.advanceTimersByTime(maxTimerDelayMs + 1)
    cancel()
    vi.advanceTimersByTime(30 * day)
    expect(callback).not.toHaveBeenCalled()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('re-arms instead of firing when its clock says the time has not come yet', () => {
    const callback = vi.fn()
    let clock = 0
    setClampedTimeout(callback, 10_000, () => clock)
    clock = 4_000
    vi.advanceTimersByTime(10_000)
    expect(callback).not.toHaveBeenCalled()
    clock = 10_000
    vi.advanceTimersByTime(6_000)
    expect(callback).toHaveBeenCalledTimes(1)
  })
})
