import { describe, expect, it, vi } from 'vitest'
import { sessionPersistence } from './sessionPersistence.js'
import { blockStorage, fillStorage } from './test/storageFaults.js'
import { createTestSession } from './test/testSession.js'

const key = 'latchkey:test:session'
const session = createTestSession()
const renewed = createTestSession({ accessToken: 'access-1', refreshToken: 'refresh-1', version: 1 })

describe('sessionPersistence', () => {
  it.each([
    ['session', () => window.sessionStorage],
    ['local', () => window.localStorage],
  ] as const)('keeps the session in %sStorage across a reload', (kind, storage) => {
    sessionPersistence(kind, key).save(session)
    expect(storage().getItem(key)).not.toBeNull()
    expect(sessionPersistence(kind, key).load()).toEqual(session)
  })

  it('keeps nothing across a reload with memory storage', () => {
    const persistence = sessionPersistence('memory', key)
    persistence.save(session)
    expect(persistence.load()).toBeNull()
    expect(window.sessionStorage.length + window.localStorage.length).toBe(0)
  })

  it('forgets the stored session on clear()', () => {
    const persistence = sessionPersistence('session', key)
    persistence.save(session)
    persistence.clear()
    expect(persistence.load()).toBeNull()
    expect(window.sessionStorage.getItem(key)).toBeNull()
  })

  it('leaves no stale session behind when storage is full, and does not throw', () => {
    const persistence = sessionPersistence('session', key)
    persistence.save(session)
    fillStorage('sessionStorage')
    expect(() => persistence.save(renewed)).not.toThrow()
    // The old session (its refresh token already spent) must not come back on the next load.
    expect(window.sessionStorage.getItem(key)).toBeNull()
    expect(persistence.load()).toBeNull()
  })

  it.each([
    ['corrupt JSON', '{"accessToken":'],
    ['something that is not a session', JSON.stringify({ accessToken: 'access-0' })],
  ])('drops %s it finds in storage', (_, entry) => {
    window.sessionStorage.setItem(key, entry)
    expect(sessionPersistence('session', key).load()).toBeNull()
    expect(window.sessionStorage.getItem(key)).toBeNull()
  })

  it('keeps nothing and never throws when the browser blocks site data', () => {
    blockStorage('sessionStorage')
    const persistence = sessionPersistence('session', key)
    expect(() => {
      persistence.save(session)
      persistence.clear()
    }).not.toThrow()
    expect(persistence.load()).toBeNull()
  })

  it('does not throw when storage refuses even to remove the entry', () => {
    const persistence = sessionPersistence('local', key)
    fillStorage('localStorage')
    vi.spyOn(Storage.prototype, 'removeItem').mockImplementation(() => {
      throw new DOMException('Access is denied.', 'SecurityError')
    })
    expect(() => persistence.save(session)).not.toThrow()
    expect(() => persistence.clear()).not.toThrow()
  })
})
