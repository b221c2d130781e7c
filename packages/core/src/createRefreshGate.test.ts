import { describe, expect, it, vi } from 'vitest'
import { AuthError } from './AuthError.js'
import { createGateTabs } from './createGateTabs.js'
import { createRefreshGate } from './createRefreshGate.js'
import { createSessionHolder } from './createSessionHolder.js'
import { isNewerSession, type Session } from './Session.js'
import { createFakeLockManager } from './test/fakeLockManager.js'
import { flushPromises } from './test/flushPromises.js'
import { createMemoryLineageRecord } from './test/memoryLineageRecord.js'
import { createMemorySessionPersistence } from './test/memorySessionPersistence.js'
import { createRotatingIdp } from './test/createRotatingIdp.js'
import { createTestSession } from './test/testSession.js'

const signedIn = createTestSession({ lineage: 'lineage-1', version: 0, refreshToken: 'refresh-0' })

interface BrowserOptions {
  /** Whether the tabs share Web Locks and the lineage record (false: each tab on its own). */
  shared?: boolean
  lockTimeoutMs?: number
  /** Whether a published session reaches the other tabs' holders (false: the messages are late). */
  hearEachOther?: boolean
  manual?: boolean
}

/**
 * One browser: tabs of one origin, each with its own session holder and refresh gate, sharing Web
 * Locks, the lineage record and the IdP, all signed in with the same session (as after a handover).
 */
function openBrowser(tabCount: number, { shared = true, lockTimeoutMs = 10_000, hearEachOther = false, manual = false }: BrowserOptions = {}) {
  const locks = createFakeLockManager()
  const record = createMemoryLineageRecord()
  const idp = createRotatingIdp({ manual })
  idp.signIn(signedIn)

  const openTab = () => {
    const persistence = createMemorySessionPersistence(signedIn)
    const holder = createSessionHolder(persistence)
    const published: Session[] = []
    const granted: Session[] = []
    // What asking the other tabs over the channel would give: a session of that lineage at that version or later.
    const fetchNewer = vi.fn(async (lineage: string, version: number): Promise<Session | null> => {
      const held: (Session | null)[] = tabs.map((tab) => tab.holder.current())
      return held.find((session) => session?.lineage === lineage && session.version >= version) ?? null
    })
    const gate = createRefreshGate({
      holder,
      // The tab sync feature's turns across tabs, over this browser's locks and record.
      tabs: createGateTabs({
        locks: shared ? locks : null,
        lockName: 'latchkey:test:refresh',
        lockTimeoutMs,
        record: shared ? record : null,
        fetchNewer,
        publish(session) {
          published.push(session)
          if (!hearEachOther) return
          for (const other of tabs) {
            if (other.holder !== holder && isNewerSession(session, other.holder.current())) other.holder.replace(session, other.holder.generation())
          }
        },
      }),
    })
    return {
      holder,
      persistence,
      published,
      granted,
      fetchNewer,
      gate,
      /** A refresh grant at the IdP through this tab's gate. */
      grant: async (latest: Session) => {
        granted.push(latest)
        const session = await idp.refresh(latest)
        return { session, value: session }
      },
      /** Renews; with `takeNewer`, takes a session newer than the one it saw when it started instead. */
      renew(takeNewer = false): Promise<Session> {
        const seen = holder.current()
        return gate.use(this.grant, takeNewer ? (latest) => (seen && isNewerSession(latest, seen) ? latest : undefined) : undefined)
      },
    }
  }
  const tabs: ReturnType<typeof openTab>[] = []
  for (let i = 0; i < tabCount; i += 1) tabs.push(openTab())
  return { tabs, idp, record, locks }
}

/** Answers the IdP's requests one at a time, checking that no other was in flight meanwhile. */
async function answerOneByOne(idp: ReturnType<typeof createRotatingIdp>): Promise<void> {
  await flushPromises()
  while (idp.waiting.length > 0) {
    expect(idp.waiting).toHaveLength(1)
    idp.waiting[0]?.answer()
    await flushPromises()
  }
}

function refusal(): Error {
  return Object.assign(new Error('invalid_grant'), { name: 'ErrorResponse', error: 'invalid_grant', error_description: 'grant request is invalid' })
}

describe('createRefreshGate', () => {
  it('runs one renewal at a time in a tab, each on the session the last one left', async () => {
    const { tabs: [tab], idp } = openBrowser(1, { manual: true })
    const first = tab!.renew()
    const second = tab!.renew()
    await answerOneByOne(idp)
    await expect(first).resolves.toMatchObject({ version: 1 })
    await expect(second).resolves.toMatchObject({ version: 2 })
    expect(idp.sentTokens).toEqual(['refresh-0', 'refresh-1'])
    expect(tab!.holder.current()).toMatchObject({ version: 2, refreshToken: 'refresh-2' })
  })

  it('lets one tab at a time renew, and no tab sends a refresh token another tab already used', async () => {
    const { tabs, idp } = openBrowser(3, { manual: true })
    const renewals = tabs.flatMap((tab) => [tab.renew(), tab.renew()])
    await answerOneByOne(idp)
    const renewed = await Promise.all(renewals)
    expect(renewed.map((session) => session.version).sort()).toEqual([1, 2, 3, 4, 5, 6])
    expect(idp.sentTokens).toEqual(['refresh-0', 'refresh-1', 'refresh-2', 'refresh-3', 'refresh-4', 'refresh-5'])
    expect(idp.maxInFlight).toBe(1)
  })

  it('keeps the refresh token of the renewed session, and records and publishes its version', async () => {
    const { tabs: [tab], record } = openBrowser(1)
    const renewed = await tab!.renew()
    expect(tab!.persistence.stored).toBe(renewed)
    expect(record.versions.get('lineage-1')).toBe(1)
    expect(tab!.published).toEqual([renewed])
  })

  it('takes the session another tab renewed instead of sending its own, already spent, refresh token', async () => {
    const { tabs: [first, late], idp } = openBrowser(2)
    const renewed = await first!.renew()
    // `late` has not heard of it: it still holds version 0, whose refresh token is spent.
    expect(late!.holder.current()?.version).toBe(0)
    await expect(late!.renew(true)).resolves.toBe(renewed)
    expect(late!.fetchNewer).toHaveBeenCalledWith('lineage-1', 1)
    expect(late!.granted).toEqual([])
    expect(late!.holder.current()).toBe(renewed)
    expect(idp.sentTokens).toEqual(['refresh-0'])
  })

  it('renews on the newer session when it still wants a renewal of its own', async () => {
    const { tabs: [first, late], idp } = openBrowser(2)
    await first!.renew()
    await expect(late!.renew()).resolves.toMatchObject({ version: 2 })
    expect(idp.sentTokens).toEqual(['refresh-0', 'refresh-1'])
  })

  it('takes the session another tab published while this one waited for its turn', async () => {
    const { tabs: [first, second], idp } = openBrowser(2, { manual: true, hearEachOther: true })
    const renewing = first!.renew(true)
    const waiting = second!.renew(true)
    await answerOneByOne(idp)
    const renewed = await renewing
    await expect(waiting).resolves.toBe(renewed)
    expect(second!.granted).toEqual([])
    expect(second!.fetchNewer).not.toHaveBeenCalled()
  })

  it('fails with refresh_failed, without sending its spent refresh token, when no tab can hand over the newer session', async () => {
    const { tabs: [first, late], idp } = openBrowser(2)
    await first!.renew()
    late!.fetchNewer.mockResolvedValue(null)
    await expect(late!.renew(true)).rejects.toMatchObject({ code: 'refresh_failed' })
    expect(late!.granted).toEqual([])
    expect(idp.sentTokens).toEqual(['refresh-0'])
  })

  describe('after the IdP refuses the refresh token (invalid_grant)', () => {
    it('forgets the session whose refresh token was refused', async () => {
      const { tabs: [tab] } = openBrowser(1)
      const refused = tab!.gate.use(async () => Promise.reject(refusal()))
      await expect(refused).rejects.toMatchObject({ error: 'invalid_grant' })
      expect(tab!.holder.current()).toBeNull()
      expect(tab!.persistence.stored).toBeNull()
    })

    it('takes a newer session that arrived while the refused request was in flight', async () => {
      // No shared record: nothing told this tab before it sent its token.
      const { tabs: [first, late], idp } = openBrowser(2, { shared: false, manual: true })
      const renewed = first!.renew()
      await answerOneByOne(idp)
      const pending = late!.renew(true)
      await flushPromises()
      // The other tab's message arrives while the IdP is still answering.
      late!.holder.replace(await renewed, late!.holder.generation())
      await answerOneByOne(idp)
      await expect(pending).resolves.toBe(await renewed)
      expect(late!.holder.current()).toBe(await renewed)
    })

    it('renews once more on a newer session that arrived meanwhile, whose refresh token is unused', async () => {
      const { tabs: [first, late], idp } = openBrowser(2, { shared: false, manual: true })
      const renewed = first!.renew()
      await answerOneByOne(idp)
      const pending = late!.renew()
      await flushPromises()
      late!.holder.replace(await renewed, late!.holder.generation())
      await answerOneByOne(idp)
      await flushPromises()
      await answerOneByOne(idp)
      const again = await pending
      expect(again.version).toBe((await renewed).version + 1)
      expect(late!.holder.current()).toBe(again)
      expect(late!.granted.map((session) => session.version)).toEqual([0, 1])
    })

    it('asks the other tabs for the version the lineage record says exists', async () => {
      const { tabs: [tab], record } = openBrowser(1)
      const newer = createTestSession({ lineage: 'lineage-1', version: 1, refreshToken: 'refresh-1' })
      tab!.fetchNewer.mockResolvedValue(newer)
      const pending = tab!.gate.use(
        async () => {
          // A tab outside the gate renewed meanwhile and recorded it.
          await record.write('lineage-1', 1)
          throw refusal()
        },
        (latest) => (latest.version > 0 ? latest : undefined),
      )
      await expect(pending).resolves.toBe(newer)
      expect(tab!.fetchNewer).toHaveBeenCalledWith('lineage-1', 1)
      expect(tab!.holder.current()).toBe(newer)
    })
  })

  it('keeps the session, and the next renewal runs, after a failure that is not a refusal', async () => {
    const { tabs: [tab] } = openBrowser(1)
    await expect(tab!.gate.use(async () => Promise.reject(new TypeError('Failed to fetch')))).rejects.toThrow('Failed to fetch')
    expect(tab!.holder.current()).toBe(signedIn)
    await expect(tab!.renew()).resolves.toMatchObject({ version: 1 })
  })

  describe('a sign-out while a renewal is under way', () => {
    it('is final: the renewed session is not kept, not published, and the renewal fails with login_required', async () => {
      const { tabs: [tab], idp } = openBrowser(1, { manual: true })
      const renewing = tab!.renew()
      await flushPromises()
      tab!.holder.clear()
      await answerOneByOne(idp)
      await expect(renewing).rejects.toMatchObject({ code: 'login_required' })
      expect(tab!.holder.current()).toBeNull()
      expect(tab!.persistence.stored).toBeNull()
      expect(tab!.published).toEqual([])
    })

    it('stops a renewal still waiting for its turn before it sends anything', async () => {
      const { tabs: [first, second], idp } = openBrowser(2, { manual: true })
      const renewing = first!.renew()
      const waiting = second!.renew()
      await flushPromises()
      second!.holder.clear()
      await answerOneByOne(idp)
      await renewing
      await expect(waiting).rejects.toMatchObject({ code: 'login_required' })
      expect(second!.granted).toEqual([])
      expect(idp.sentTokens).toEqual(['refresh-0'])
    })
  })

  describe('lock timeout', () => {
    // AbortSignal.timeout runs on jsdom's own timers, which fake timers do not reach: a 50 ms deadline under test.
    const lockTimeoutMs = 50

    it('gives up with timeout when another tab holds the lock too long, and never sends its token', async () => {
      const { tabs: [slow, blocked], idp } = openBrowser(2, { manual: true, lockTimeoutMs })
      const renewing = slow!.renew()
      await expect(blocked!.renew()).rejects.toMatchObject({ code: 'timeout' })
      await answerOneByOne(idp)
      await renewing
      await flushPromises()
      expect(blocked!.granted).toEqual([])
      expect(idp.sentTokens).toEqual(['refresh-0'])
    })

    it.each([
      ['a network failure', () => new TypeError('Failed to fetch'), { name: 'TypeError' }],
      ["the IdP's refusal", refusal, { error: 'invalid_grant' }],
    ])('reports %s, not a lock timeout, when the grant itself outlasts lockTimeoutMs', async (_, failure, reported) => {
      const { tabs: [slow, other], idp } = openBrowser(2, { manual: true, lockTimeoutMs })
      const renewing = slow!.renew()
      // Once the other tab has given up waiting, the slow tab's lock deadline has passed as well.
      await expect(other!.renew()).rejects.toMatchObject({ code: 'timeout' })
      idp.waiting[0]?.fail(failure())
      await expect(renewing).rejects.toMatchObject(reported)
    })
  })

  it('still runs one renewal at a time in a tab without Web Locks', async () => {
    const { tabs: [tab], idp } = openBrowser(1, { shared: false, manual: true })
    const renewals = [tab!.renew(), tab!.renew(), tab!.renew()]
    await answerOneByOne(idp)
    await expect(Promise.all(renewals)).resolves.toMatchObject([{ version: 1 }, { version: 2 }, { version: 3 }])
    expect(idp.sentTokens).toEqual(['refresh-0', 'refresh-1', 'refresh-2'])
  })

  it('still reports a refusal as it came when no newer session can be found', async () => {
    const { tabs: [tab] } = openBrowser(1)
    const refused = new AuthError('invalid_grant', 'grant revoked')
    await expect(tab!.gate.use(async () => Promise.reject(refused))).rejects.toBe(refused)
  })
})
