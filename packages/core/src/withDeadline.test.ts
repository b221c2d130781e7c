import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createDeferred } from './test/createDeferred.js'
import { withDeadline } from './withDeadline.js'
import { useIdleFakeTimers } from './test/useIdleFakeTimers.js'

beforeEach(async () => {
  await useIdleFakeTimers()
})

describe('withDeadline', () => {
  it('fails with timeout once the deadline passes, even when the work never settles', async () => {
    const never = new Promise<string>(() => undefined)
    const guarded = withDeadline(never, 10_000, 'Renewing the session')
    const outcome = expect(guarded).rejects.toMatchObject({ code: 'timeout', message: expect.stringContaining('Renewing the session') })
    await vi.advanceTimersByTimeAsync(9_999)
    await expect(Promise.race([guarded.catch(() => 'settled'), 'waiting'])).resolves.toBe('waiting')
    await vi.advanceTimersByTimeAsync(1)
    await outcome
    expect(vi.getTimerCount()).toBe(0)
  })

  it('settles with the work, and leaves no timer, when the work is first', async () => {
    const work = createDeferred<string>()
    const guarded = withDeadline(work.promise, 10_000, 'Renewing the session')
    expect(vi.getTimerCount()).toBe(1)
    work.resolve('tokens')
    await expect(guarded).resolves.toBe('tokens')
    expect(vi.getTimerCount()).toBe(0)
  })

  it("passes the work's own failure on, and leaves no timer", async () => {
    const failure = new TypeError('Failed to fetch')
    const guarded = withDeadline(Promise.reject(failure), 10_000, 'Renewing the session')
    await expect(guarded).rejects.toBe(failure)
    expect(vi.getTimerCount()).toBe(0)
  })
})
