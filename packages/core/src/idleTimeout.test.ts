import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AuthClient } from './AuthClient.js'
import type { AuthClientConfig } from './AuthClientConfig.js'
import { getIdleTimer, idleTimeout, type IdleTimeoutOptions } from './idleTimeout.js'
import { createFakeBroadcastHub, type FakeBroadcastHub } from './test/fakeBroadcastHub.js'
import { createFakeLockManager } from './test/fakeLockManager.js'
import { loadApp, signInThroughIdp, testIdp } from './test/signInThroughIdp.js'
import { createTestSession } from './test/testSession.js'
import { useIdleFakeTimers } from './test/useIdleFakeTimers.js'

const sessionKey = `latchkey:spa@${testIdp.issuer.replace(/\/+$/, '')}:session`
/** Two minutes, the warning in the last thirty seconds. */
const idle = { after: 120, warnBefore: 30, mode: 'local' } satisfies IdleTimeoutOptions

let hub: FakeBroadcastHub

beforeEach(async () => {
  await useIdleFakeTimers()
  hub = createFakeBroadcastHub()
  // Every simulated tab of a test hears the others, as the tabs of one browser do.
  vi.stubGlobal(
    'BroadcastChannel',
    function FakeBroadcastChannel(name: string) {
      return hub.createChannel(name)
    } as unknown as typeof BroadcastChannel,
  )
})

/** A session in this tab's storage, as a sign-in a moment ago left it. */
function seedSession(): void {
  window.sessionStorage.setItem(sessionKey, JSON.stringify(createTestSession({ refreshToken: undefined })))
}

/** One page load of a signed-in app with the idle timeout; nothing here talks to the IdP. */
async function loadSignedInTab(options: IdleTimeoutOptions = idle, config: Partial<AuthClientConfig> = {}) {
  const app = loadApp({ features: [idleTimeout(options)], autoRenew: false, revokeOnLogout: false, ...config })
  await app.client.start()
  return { ...app, idle: getIdleTimer(app.client) }
}

const pressKey = () => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift' }))
const seconds = (count: number) => vi.advanceTimersByTimeAsync(count * 1000)
const idleError = (client: AuthClient) => client.getState().error?.code

describe('idleTimeout options', () => {
  it('are checked at creation: after > warnBefore > 0, in seconds, and a mode that needs no click', () => {
    const bad: unknown[] = [
      { after: 60, warnBefore: 60 },
      { after: 30 },
      { after: 0, warnBefore: 0 },
      { after: '900', warnBefore: 60 },
      { after: Number.POSITIVE_INFINITY },
      { after: 900, warnBefore: -1 },
      { after: 900, mode: 'popup' },
      undefined,
    ]
    for (const options of bad) expect(() => idleTimeout(options as IdleTimeoutOptions), JSON.stringify(options)).toThrow(expect.objectContaining({ code: 'config' }))
    expect(() => idleTimeout({ after: 30 })).toThrow(/warnBefore: 60 \(the default\)/)
    expect(() => idleTimeout({ after: 61 })).not.toThrow()
    expect(() => idleTimeout({ after: 900, warnBefore: 60, mode: 'local' })).not.toThrow()
  })

  it('getIdleTimer() of a client without the feature says how to add it', () => {
    const { client } = loadApp({ features: [] })
    expect(() => getIdleTimer(client)).toThrow(expect.objectContaining({ code: 'config', message: expect.stringMatching(/@latchkey\/core\/idle-timeout/) }))
  })
})

describe('the idle timer', () => {
  it('is quiet until warnBefore is left, then counts the remaining seconds down', async () => {
    seedSession()
    const { idle: timer } = await loadSignedInTab()
    await seconds(89)
    expect(timer.getSnapshot()).toEqual({ warning: false, remainingSeconds: null })
    await seconds(1)
    expect(timer.getSnapshot()).toEqual({ warning: true, remainingSeconds: 30 })
    await seconds(15)
    expect(timer.getSnapshot()).toEqual({ warning: true, remainingSeconds: 15 })
  })

  it('tells its listeners once a second while warning, and not before', async () => {
    seedSession()
    const { idle: timer } = await loadSignedInTab()
    const listener = vi.fn()
    timer.subscribe(listener)
    await seconds(89)
    expect(listener).not.toHaveBeenCalled()
    await seconds(10)
    expect(listener).toHaveBeenCalledTimes(10)
  })

  it('starts over on activity, before the warning', async () => {
    seedSession()
    const { idle: timer } = await loadSignedInTab()
    await seconds(80)
    pressKey()
    await seconds(80)
    expect(timer.getSnapshot().warning).toBe(false)
    await seconds(10)
    expect(timer.getSnapshot()).toMatchObject({ warning: true, remainingSeconds: 30 })
  })

  it('keeps the warning on passive activity: only "stay signed in" ends it', async () => {
    seedSession()
    const { idle: timer, client } = await loadSignedInTab()
    await seconds(100)
    pressKey()
    document.dispatchEvent(new PointerEvent('pointermove'))
    expect(timer.getSnapshot()).toMatchObject({ warning: true, remainingSeconds: 20 })

    timer.staySignedIn()
    expect(timer.getSnapshot()).toEqual({ warning: false, remainingSeconds: null })
    await seconds(89)
    expect(timer.getSnapshot().warning).toBe(false)
    expect(client.getState().status).toBe('authenticated')
  })

  it('signs out at zero with reason idle_timeout, forgets the stored session, and a reload stays signed out', async () => {
    seedSession()
    const { client, navigate } = await loadSignedInTab()
    await seconds(119)
    expect(client.getState().status).toBe('authenticated')
    await seconds(1)
    expect(client.getState()).toMatchObject({ status: 'anonymous', user: null, error: { code: 'idle_timeout', message: expect.stringMatching(/2 min without activity/) } })
    expect(window.sessionStorage.getItem(sessionKey)).toBeNull()
    expect(navigate).not.toHaveBeenCalled()

    client.dispose()
    const reloaded = await loadSignedInTab()
    expect(reloaded.client.getState()).toMatchObject({ status: 'anonymous', error: { code: 'idle_timeout' } })
  })

  it('forgets the reason once the user signs in again, and counts the new sign-in as activity', async () => {
    seedSession()
    const { client } = await loadSignedInTab()
    await seconds(120)
    expect(idleError(client)).toBe('idle_timeout')
    await client.login().catch(() => undefined)
    client.dispose()
    const backFromIdp = await signInThroughIdp()
    window.history.replaceState(null, '', backFromIdp)

    const next = await loadSignedInTab()
    expect(next.client.getState()).toMatchObject({ status: 'authenticated', error: null })
    await seconds(89)
    expect(next.client.getState().status).toBe('authenticated')
    expect(next.idle.getSnapshot().warning).toBe(false)
  })

  it('with mode redirect, ends the session at the IdP too', async () => {
    seedSession()
    const { client, navigate } = await loadSignedInTab({ ...idle, mode: 'redirect' })
    await seconds(120)
    expect(client.getState()).toMatchObject({ status: 'anonymous', error: { code: 'idle_timeout' } })
    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith(expect.stringContaining(`${testIdp.issuer}/session/end`)))
  })

  it('signs out at once a page that slept past the deadline, when it loads', async () => {
    seedSession()
    const first = await loadSignedInTab()
    first.client.dispose()
    // The tab was closed, or its timers frozen, for longer than `after`; the session is still stored.
    vi.setSystemTime(Date.now() + 121_000)
    seedSession()
    const { client } = await loadSignedInTab()
    expect(client.getState()).toMatchObject({ status: 'anonymous', error: { code: 'idle_timeout' } })
    expect(window.sessionStorage.getItem(sessionKey)).toBeNull()
  })

  it('signs out a page that wakes past the deadline before its return counts as activity', async () => {
    seedSession()
    const { client } = await loadSignedInTab()
    // Asleep: the clock moved on, the timers did not fire.
    vi.setSystemTime(Date.now() + 600_000)
    document.dispatchEvent(new Event('visibilitychange'))
    expect(client.getState()).toMatchObject({ status: 'anonymous', error: { code: 'idle_timeout' } })
    expect(window.sessionStorage.getItem(sessionKey)).toBeNull()
  })

  it('counts the page coming back into view as activity', async () => {
    seedSession()
    const { idle: timer } = await loadSignedInTab()
    await seconds(80)
    document.dispatchEvent(new Event('visibilitychange'))
    await seconds(80)
    expect(timer.getSnapshot().warning).toBe(false)
  })

  it('stops its timers and listeners on dispose', async () => {
    seedSession()
    const { client, idle: timer } = await loadSignedInTab()
    client.dispose()
    await seconds(200)
    expect(timer.getSnapshot().warning).toBe(false)
    expect(client.getState().status).toBe('authenticated')
  })
})

describe('the idle timer across tabs', () => {
  it('starts over in every tab when the user stays signed in in one', async () => {
    seedSession()
    const first = await loadSignedInTab()
    const second = await loadSignedInTab()
    await seconds(100)
    expect(first.idle.getSnapshot().warning).toBe(true)
    second.idle.staySignedIn()
    await hub.flush()
    expect(first.idle.getSnapshot()).toEqual({ warning: false, remainingSeconds: null })
    await seconds(89)
    expect(first.idle.getSnapshot().warning).toBe(false)
  })

  it('tells the other tabs of activity at most every few seconds, the last of a burst included', async () => {
    seedSession()
    await loadSignedInTab()
    const heard: unknown[] = []
    hub.createChannel(`${sessionKey.replace(/:session$/, '')}:idle`).addEventListener('message', (event) => heard.push((event as MessageEvent).data))
    await seconds(10)
    const burstStart = Date.now()
    for (let tenth = 0; tenth < 40; tenth += 1) {
      document.dispatchEvent(new PointerEvent('pointermove'))
      await vi.advanceTimersByTimeAsync(100)
    }
    await hub.flush()
    expect(heard).toEqual([{ type: 'active', at: burstStart }])
    await seconds(1)
    await hub.flush()
    expect(heard).toEqual([
      { type: 'active', at: burstStart },
      { type: 'active', at: burstStart + 3900 },
    ])
    await seconds(60)
    await hub.flush()
    expect(heard).toHaveLength(2)
  })

  it('signs every tab out when one reaches zero, each with the reason', async () => {
    seedSession()
    const first = await loadSignedInTab()
    // A tab whose own deadline is far off (think of one whose timers the browser froze) hears the first.
    const second = await loadSignedInTab({ after: 600, warnBefore: 30, mode: 'local' })
    await seconds(120)
    await hub.flush()
    expect(idleError(first.client)).toBe('idle_timeout')
    expect(second.client.getState()).toMatchObject({ status: 'anonymous', user: null, error: { code: 'idle_timeout' } })
  })

  it('sends one tab to the IdP when several reach zero together; the others sign out of the app only', async () => {
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator) as Navigator, { locks: createFakeLockManager() }))
    seedSession()
    const tabs = [await loadSignedInTab({ ...idle, mode: 'redirect' }), await loadSignedInTab({ ...idle, mode: 'redirect' })]
    // In one go, as in a browser where the tabs' timers fire before either hears the other.
    vi.advanceTimersByTime(120_000)
    await hub.flush()
    for (const tab of tabs) expect(tab.client.getState()).toMatchObject({ status: 'anonymous', error: { code: 'idle_timeout' } })
    await vi.waitFor(() => expect(tabs.flatMap((tab) => tab.navigate.mock.calls)).toHaveLength(1))
    expect(tabs.flatMap((tab) => tab.navigate.mock.calls)[0]?.[0]).toContain('/session/end')
  })
})
