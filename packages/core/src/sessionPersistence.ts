import type { SessionStorageKind } from './AuthClientConfig.js'
import { isSession, type Session } from './Session.js'

/** Where the session survives a reload. Never throws: a storage the browser refuses just keeps nothing. */
export interface SessionPersistence {
  load(): Session | null
  save(session: Session): void
  clear(): void
}

const nothingKept: SessionPersistence = { load: () => null, save: () => undefined, clear: () => undefined }

/** `window.sessionStorage` and `localStorage` throw on access when the user blocks site data. */
export function webStorage(kind: 'session' | 'local'): Storage | null {
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage
  } catch {
    return null
  }
}

function webPersistence(storage: Storage, key: string): SessionPersistence {
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(storage.getItem(key) ?? 'null')
        if (parsed === null || isSession(parsed)) return parsed
      } catch {
        // A corrupt entry is dropped below, like a malformed one.
      }
      this.clear()
      return null
    },
    save(session) {
      try {
        storage.setItem(key, JSON.stringify(session))
      } catch {
        // Full or blocked: the session lives on in memory for this page, and stays out of a stale entry.
        this.clear()
      }
    },
    clear() {
      try {
        storage.removeItem(key)
      } catch {
        // Nothing could be stored either.
      }
    },
  }
}

export function sessionPersistence(kind: SessionStorageKind, key: string): SessionPersistence {
  if (kind === 'memory') return nothingKept
  const storage = webStorage(kind)
  return storage ? webPersistence(storage, key) : nothingKept
}
