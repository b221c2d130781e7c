import { describe, expect, it } from 'vitest'
import { createSessionHolder } from './createSessionHolder.js'
import { createMemorySessionPersistence } from './test/memorySessionPersistence.js'
import { createTestSession } from './test/testSession.js'

const stored = createTestSession()
const renewed = createTestSession({ accessToken: 'access-1', refreshToken: 'refresh-1', version: 1 })

describe('createSessionHolder', () => {
  it('reads storage only when the session is first asked for, and once', () => {
    const persistence = createMemorySessionPersistence(stored)
    const holder = createSessionHolder(persistence)
    expect(persistence.loads).toBe(0)
    expect(holder.current()).toBe(stored)
    expect(holder.current()).toBe(stored)
    expect(persistence.loads).toBe(1)
  })

  it('writes a new session through to storage', () => {
    const persistence = createMemorySessionPersistence(stored)
    const holder = createSessionHolder(persistence)
    expect(holder.replace(renewed, holder.generation())).toBe(true)
    expect(holder.current()).toBe(renewed)
    expect(persistence.stored).toBe(renewed)
  })

  it('forgets the session in memory and in storage on sign-out', () => {
    const persistence = createMemorySessionPersistence(stored)
    const holder = createSessionHolder(persistence)
    holder.current()
    holder.clear()
    expect(holder.current()).toBeNull()
    expect(persistence.stored).toBeNull()
  })

  it('does not let a renewal that started before a sign-out write its session back', () => {
    const persistence = createMemorySessionPersistence(stored)
    const holder = createSessionHolder(persistence)
    const seen = holder.generation()
    holder.clear()
    expect(holder.replace(renewed, seen)).toBe(false)
    expect(holder.current()).toBeNull()
    expect(persistence.stored).toBeNull()
  })

  it('takes a sign-in that started after the sign-out', () => {
    const holder = createSessionHolder(createMemorySessionPersistence(stored))
    holder.clear()
    expect(holder.replace(renewed, holder.generation())).toBe(true)
    expect(holder.current()).toBe(renewed)
  })

  it('keeps a sign-out final even when storage still had the session', () => {
    const persistence = createMemorySessionPersistence(stored)
    const holder = createSessionHolder(persistence)
    holder.clear()
    // Storage is not read again after a sign-out, so nothing there can bring the session back.
    persistence.save(stored)
    expect(holder.current()).toBeNull()
  })

  it('reads storage again after reload(), to see what another page of this tab wrote', () => {
    const persistence = createMemorySessionPersistence(stored)
    const holder = createSessionHolder(persistence)
    expect(holder.current()).toBe(stored)
    persistence.save(renewed)
    expect(holder.current()).toBe(stored)
    holder.reload()
    expect(holder.current()).toBe(renewed)
    expect(persistence.loads).toBe(2)
  })
})
