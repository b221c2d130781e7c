import { describe, expect, it } from 'vitest'
import { createPendingSigninStore } from './createPendingSigninStore.js'
import { blockStorage, fillStorage } from './test/storageFaults.js'

const prefix = 'latchkey:test:pending:'
const verifier = JSON.stringify({ code_verifier: 'verifier-1' })

function keysWithPrefix(storage: Storage): string[] {
  return Object.keys(storage).filter((key) => key.startsWith(prefix))
}

describe('createPendingSigninStore', () => {
  it("keeps a sign-in under way in this tab's sessionStorage, where a redirect finds it again", async () => {
    const store = createPendingSigninStore(prefix)
    await store.set('state-1', verifier)
    expect(window.sessionStorage.getItem(`${prefix}state-1`)).toBe(verifier)
    expect(keysWithPrefix(window.localStorage)).toEqual([])
    expect(store.survivesNavigation('state-1')).toBe(true)
    expect(await createPendingSigninStore(prefix).get('state-1')).toBe(verifier)
  })

  it.each([
    ['full', () => fillStorage('sessionStorage')],
    ['blocked', () => blockStorage('sessionStorage')],
  ])('falls back to localStorage when sessionStorage is %s', async (_, fault) => {
    fault()
    const store = createPendingSigninStore(prefix)
    await store.set('state-1', verifier)
    expect(window.localStorage.getItem(`${prefix}state-1`)).toBe(verifier)
    expect(store.survivesNavigation('state-1')).toBe(true)
    expect(await store.get('state-1')).toBe(verifier)
  })

  it.each([
    ['full', () => fillStorage('sessionStorage', 'localStorage')],
    ['blocked', () => blockStorage('sessionStorage', 'localStorage')],
  ])('keeps the sign-in in memory when both storages are %s, and says it would not survive a redirect', async (_, fault) => {
    fault()
    const store = createPendingSigninStore(prefix)
    await store.set('state-1', verifier)
    expect(await store.get('state-1')).toBe(verifier)
    expect(await store.getAllKeys()).toEqual(['state-1'])
    expect(store.survivesNavigation('state-1')).toBe(false)
  })

  it('says a sign-in it does not know would not survive a redirect', () => {
    expect(createPendingSigninStore(prefix).survivesNavigation('state-unknown')).toBe(false)
  })

  it('hands a sign-in out once: remove() returns it and forgets it everywhere', async () => {
    const store = createPendingSigninStore(prefix)
    await store.set('state-1', verifier)
    window.localStorage.setItem(`${prefix}state-1`, verifier)
    expect(await store.remove('state-1')).toBe(verifier)
    expect(await store.get('state-1')).toBeNull()
    expect(await store.remove('state-1')).toBeNull()
    expect(keysWithPrefix(window.sessionStorage)).toEqual([])
    expect(keysWithPrefix(window.localStorage)).toEqual([])
  })

  it('leaves no verifier behind in either storage or in memory after clear()', async () => {
    window.localStorage.setItem('other-app', 'kept')
    const store = createPendingSigninStore(prefix)
    await store.set('state-1', verifier)
    fillStorage('sessionStorage')
    await store.set('state-2', verifier)
    fillStorage('sessionStorage', 'localStorage')
    await store.set('state-3', verifier)
    expect(await store.getAllKeys()).toEqual(expect.arrayContaining(['state-1', 'state-2', 'state-3']))

    await store.clear()
    expect(keysWithPrefix(window.sessionStorage)).toEqual([])
    expect(keysWithPrefix(window.localStorage)).toEqual([])
    expect(await store.getAllKeys()).toEqual([])
    expect(await store.get('state-3')).toBeNull()
    expect(window.localStorage.getItem('other-app')).toBe('kept')
  })
})
