import { describe, expect, it } from 'vitest'
import { formatCountdown } from './formatCountdown.js'

describe('formatCountdown', () => {
  it('writes minutes and seconds as m:ss', () => {
    expect([formatCountdown(45), formatCountdown(60), formatCountdown(605), formatCountdown(0.2), formatCountdown(-3)]).toEqual(['0:45', '1:00', '10:05', '0:01', '0:00'])
  })
})
