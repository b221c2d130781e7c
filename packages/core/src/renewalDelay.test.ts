import { describe, expect, it } from 'vitest'
import { minRenewalDelayMs, renewalDelay, retryDelay } from './renewalDelay.js'

describe('renewalDelay', () => {
  it('renews a 5 s token a tenth of its lifetime early, about once per lifetime', () => {
    expect(renewalDelay(0, 5000, 0)).toBe(4500)
  })

  it('renews a 1 h token one minute early', () => {
    expect(renewalDelay(0, 3_600_000, 0)).toBe(3_540_000)
  })

  it('never schedules sooner than a second, even for a token already expired', () => {
    expect(renewalDelay(0, 1000, 5000)).toBe(minRenewalDelayMs)
    expect(renewalDelay(0, 0, 0)).toBe(minRenewalDelayMs)
  })
})

describe('retryDelay', () => {
  it('backs off exponentially up to 30 s', () => {
    expect([1, 2, 3, 4, 10].map(retryDelay)).toEqual([1000, 2000, 4000, 8000, 30_000])
  })
})
