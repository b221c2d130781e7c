import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createTabSync, type TabSync } from './createTabSync.js'
import type { Session } from './Session.js'
import { createFakeBroadcastHub, type FakeBroadcastHub } from './test/fakeBroadcastHub.js'
import { createFakeLockManager } from './test/fakeLockManager.js'
import { createTestSession } from './test/testSession.js'
import { useIdleFakeTimers } from './test/useIdleFakeTimers.js'

const channelName = 'latchkey:https://idp.example:spa'

let hub: FakeBroadcastHub
let locks: ReturnType<typeof createFakeLockManager>

beforeEach(async () => {
  await useIdleFakeTimers()
  hub = createFakeBroadcastHub()
  locks = createFakeLockManager()
})

/** One tab of the app: its tab sync over the shared hub and locks, and what it heard from the others. */
function openTab({ session = null as Session | null, start = true } = {}) {
  const heard = { sessions: [] as Session[], logouts: [] as (string | null)[] }
  const tab = {
    session,
    heard,
    sync: createTabSync({
      channelName,
      createChannel: hub.createChannel,
      locks,
      current: (): Session | null => tab.session,
      onSession: (received) => heard.sessions.push(received),
      onLogout: (lineage) => heard.logouts.push(lineage),
    }),
  }
  if (start) tab.sync.start()
  return tab
}

/** What `tab` learns from Web Locks once every mark and release made so far has taken effect. */
async function peersSeenBy(tab: ReturnType<typeof openTab>): Promise<boolean> {
  await vi.advanceTimersByTimeAsync(0)
  return tab.sync.peersHoldSession()
}

const signedIn = createTestSession({ lineage: 'lineage-1', version: 3 })

describe('createTabSync', () => {
  it("tells every other tab about this tab's new session, and not this tab", async () => {
    const [a, b, c] = [openTab(), openTab(), openTab()]
    a.sync.announceSession(signedIn)
    await hub.flush()
    expect(b.heard.sessions).toEqual([signedIn])
    expect(c.heard.sessions).toEqual([signedIn])
    expect(a.heard.sessions).toEqual([])
  })

  it('tells every other tab about a sign-out, and not this tab', async () => {
    const [a, b] = [openTab(), openTab()]
    a.sync.announceLogout('lineage-1')
    b.sync.announceLogout(null)
    await hub.flush()
    expect(b.heard.logouts).toEqual(['lineage-1'])
    expect(a.heard.logouts).toEqual([null])
  })

  it('ignores messages that are not its own', async () => {
    const a = openTab()
    const stranger = hub.createChannel(channelName)
    stranger.postMessage({ type: 'session', session: { accessToken: 'forged' } })
    stranger.postMessage({ type: 'logout' })
    stranger.postMessage('hello')
    await hub.flush()
    expect(a.heard).toEqual({ sessions: [], logouts: [] })
  })

  it('does not hear tabs of another app on the same origin', async () => {
    const a = openTab()
    const otherApp = createTabSync({ channelName: 'latchkey:other:spa', createChannel: hub.createChannel, locks, current: () => null, onSession: vi.fn(), onLogout: vi.fn() })
    otherApp.start()
    otherApp.announceSession(signedIn)
    await hub.flush()
    expect(a.heard.sessions).toEqual([])
  })

  describe('ask()', () => {
    it('gets the session of a tab holding that lineage at that version or later', async () => {
      const newTab = openTab()
      openTab({ session: signedIn })
      await expect(newTab.sync.ask(1000, 'lineage-1', 3)).resolves.toEqual(signedIn)
      await expect(newTab.sync.ask(1000, 'lineage-1', 2)).resolves.toEqual(signedIn)
    })

    it('gets any session when no lineage is given', async () => {
      const newTab = openTab()
      openTab({ session: signedIn })
      await expect(newTab.sync.ask(1000)).resolves.toEqual(signedIn)
    })

    it.each([
      ['an older version', 'lineage-1', 4],
      ['another lineage', 'lineage-2', 0],
    ])('gets nothing, once the time is up, from a tab holding only %s', async (_, lineage, version) => {
      const newTab = openTab()
      openTab({ session: signedIn })
      const answer = newTab.sync.ask(1000, lineage, version)
      await vi.advanceTimersByTimeAsync(999)
      await expect(Promise.race([answer, 'waiting'])).resolves.toBe('waiting')
      await vi.advanceTimersByTimeAsync(1)
      await expect(answer).resolves.toBeNull()
    })

    it('does not answer itself', async () => {
      const alone = openTab({ session: signedIn })
      const answer = alone.sync.ask(1000)
      await vi.advanceTimersByTimeAsync(1000)
      await expect(answer).resolves.toBeNull()
    })

    it('gets nothing from tabs with no session', async () => {
      const newTab = openTab()
      openTab()
      const answer = newTab.sync.ask(1000)
      await vi.advanceTimersByTimeAsync(1000)
      await expect(answer).resolves.toBeNull()
    })

    it('leaves no timer behind once answered', async () => {
      const newTab = openTab()
      openTab({ session: signedIn })
      await newTab.sync.ask(60_000)
      expect(vi.getTimerCount()).toBe(0)
    })
  })

  it('opens no channel before start()', async () => {
    const createChannel = vi.fn(hub.createChannel)
    const sync = createTabSync({ channelName, createChannel, locks, current: () => signedIn, onSession: vi.fn(), onLogout: vi.fn() })
    sync.announceSession(signedIn)
    sync.announceLogout('lineage-1')
    sync.markHolding(true)
    await expect(sync.ask(1000)).resolves.toBeNull()
    await expect(sync.peersHoldSession()).resolves.toBe(false)
    expect(createChannel).not.toHaveBeenCalled()
    expect(locks.requests).toBe(0)
  })

  it('opens one channel however often it is started', () => {
    const a = openTab()
    a.sync.start()
    expect(hub.channels).toHaveLength(1)
  })

  it('closes its channel on stop(), and hears nothing more', async () => {
    const [a, b] = [openTab(), openTab()]
    a.sync.stop()
    expect(hub.channels[0]?.isClosed).toBe(true)
    b.sync.announceSession(signedIn)
    await hub.flush()
    expect(a.heard.sessions).toEqual([])
  })

  it('settles a pending ask with null on stop(), without waiting for its time', async () => {
    const a = openTab()
    const answer = a.sync.ask(60_000)
    a.sync.stop()
    await expect(answer).resolves.toBeNull()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('listens again after stop() and start()', async () => {
    const [a, b] = [openTab(), openTab()]
    a.sync.stop()
    a.sync.start()
    b.sync.announceSession(signedIn)
    await hub.flush()
    expect(a.heard.sessions).toEqual([signedIn])
  })

  describe('peersHoldSession()', () => {
    it('is true only while another tab marks itself as holding a session', async () => {
      const [newTab, other] = [openTab(), openTab({ session: signedIn })]
      expect(await peersSeenBy(newTab)).toBe(false)
      other.sync.markHolding(true)
      expect(await peersSeenBy(newTab)).toBe(true)
      other.sync.markHolding(false)
      expect(await peersSeenBy(newTab)).toBe(false)
    })

    it('stays true while any one of several holding tabs is left', async () => {
      const [newTab, first, second] = [openTab(), openTab({ session: signedIn }), openTab({ session: signedIn })]
      first.sync.markHolding(true)
      second.sync.markHolding(true)
      second.sync.markHolding(true)
      first.sync.markHolding(false)
      expect(await peersSeenBy(newTab)).toBe(true)
      second.sync.markHolding(false)
      expect(await peersSeenBy(newTab)).toBe(false)
    })

    it('turns false when the holding tab stops', async () => {
      const [newTab, other] = [openTab(), openTab({ session: signedIn })]
      other.sync.markHolding(true)
      expect(await peersSeenBy(newTab)).toBe(true)
      other.sync.stop()
      expect(await peersSeenBy(newTab)).toBe(false)
    })

    it('is false without Web Locks', async () => {
      const sync = createTabSync({ channelName, createChannel: hub.createChannel, locks: null, current: () => null, onSession: vi.fn(), onLogout: vi.fn() })
      sync.start()
      sync.markHolding(true)
      await expect(sync.peersHoldSession()).resolves.toBe(false)
    })
  })
})
