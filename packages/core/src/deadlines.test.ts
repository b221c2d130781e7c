import { describe, expect, it, vi } from 'vitest'
import { loadApp, signInThroughIdp, testIdp as idp } from './test/signInThroughIdp.js'

// Short, so the deadline is reached quickly; what is asserted is the outcome, not the time.
const requestTimeoutSeconds = 0.5

describe('every request to the IdP has a deadline, body included', () => {
  it('ends a callback whose token response body stalls with timeout, and cleans the URL', async () => {
    await signInThroughIdp({ returnTo: '/orders' })
    await idp.setFault('stalled_token_body')
    const { client } = loadApp({ requestTimeoutSeconds })
    await client.start()
    expect(client.getState()).toMatchObject({ status: 'anonymous', pending: null })
    expect(client.getState().error?.code).toBe('timeout')
    expect(window.location.search).toBe('')
    expect(window.location.pathname).toBe('/orders')
  })

  it('rejects getAccessToken with timeout when a renewal response stalls, and keeps the session', async () => {
    await signInThroughIdp()
    const { client } = loadApp({ requestTimeoutSeconds })
    await client.start()
    await idp.setFault('stalled_token_body')
    await expect(client.getAccessToken({ minValidity: 100_000 })).rejects.toMatchObject({ code: 'timeout' })
    expect(client.getState()).toMatchObject({ status: 'authenticated', pending: null })
    expect(client.getState().error?.code).toBe('timeout')
  })
})

describe('renewal timing', () => {
  it('does not renew at once a token that lives longer than setTimeout can count (24.8 days)', async () => {
    await idp.configure({ accessTokenTtl: 30 * 24 * 3600 })
    await signInThroughIdp()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    // As browsers and Node do, a delay past 2^31 - 1 ms fires at once (the fake clock would keep it).
    const fakeSetTimeout = globalThis.setTimeout
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void, ms = 0, ...args: unknown[]) =>
      fakeSetTimeout(callback, ms > 2 ** 31 - 1 ? 1 : ms, ...args)) as typeof setTimeout)
    const { client } = loadApp()
    await client.start()
    expect(client.getState().user?.expiresAt).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000)
    await vi.advanceTimersByTimeAsync(60_000)
    vi.useRealTimers()
    expect(await idp.tokenRequests('refresh_token')).toBe(0)
  })
})
