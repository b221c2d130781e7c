import type { StateStore } from 'oidc-client-ts'
import { webStorage } from './sessionPersistence.js'

/**
 * Where a sign-in under way keeps its state and PKCE verifier (oidc-client-ts's stateStore). They
 * hold no tokens, and must survive the trip to the IdP: this tab's sessionStorage, else localStorage
 * (a separate quota), else memory, which only a popup or silent sign-in can use, since a redirect
 * leaves the page.
 */
export interface PendingSigninStore extends StateStore {
  /** Whether the sign-in `key` would survive leaving the page. */
  survivesNavigation(key: string): boolean
  /** Forgets every sign-in under way (sign-out leaves no verifier behind). */
  clear(): Promise<void>
}

export function createPendingSigninStore(prefix: string): PendingSigninStore {
  const inMemory = new Map<string, string>()
  const storages = (): Storage[] => [webStorage('session'), webStorage('local')].filter((storage): storage is Storage => storage !== null)
  const read = (storage: Storage, key: string): string | null => {
    try {
      return storage.getItem(prefix + key)
    } catch {
      return null
    }
  }
  const keysIn = (storage: Storage): string[] => {
    try {
      return Object.keys(storage).filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length))
    } catch {
      return []
    }
  }
  const store: PendingSigninStore = {
    async set(key, value) {
      for (const storage of storages()) {
        try {
          storage.setItem(prefix + key, value)
          return
        } catch {
          // Full or refused: try the next place.
        }
      }
      inMemory.set(key, value)
    },
    async get(key) {
      return inMemory.get(key) ?? storages().map((storage) => read(storage, key)).find((value) => value !== null) ?? null
    },
    async remove(key) {
      const value = await store.get(key)
      inMemory.delete(key)
      for (const storage of storages()) {
        try {
          storage.removeItem(prefix + key)
        } catch {
          // Nothing was kept there.
        }
      }
      return value
    },
    async getAllKeys() {
      return [...new Set([...inMemory.keys(), ...storages().flatMap(keysIn)])]
    },
    survivesNavigation: (key) => !inMemory.has(key) && storages().some((storage) => read(storage, key) !== null),
    async clear() {
      await Promise.all((await store.getAllKeys()).map((key) => store.remove(key)))
    },
  }
  return store
}
