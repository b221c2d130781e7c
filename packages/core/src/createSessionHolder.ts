import type { Session } from './Session.js'
import type { SessionPersistence } from './sessionPersistence.js'

/**
 * The session of this tab, in memory and written through to its persistence. Its generation counts
 * sign-outs: work that started before one (a refresh, a callback, another tab's message) passes the
 * generation it saw, and its session is refused once a sign-out has happened since.
 */
export interface SessionHolder {
  current(): Session | null
  generation(): number
  /** Makes `session` current unless a sign-out happened after `seenGeneration`; says whether it did. */
  replace(session: Session, seenGeneration: number): boolean
  /** Forgets the session here and in storage, and outdates everything in flight. */
  clear(): void
  /** Reads storage again on the next `current()`: another page of this tab may have changed it. */
  reload(): void
}

export function createSessionHolder(persistence: SessionPersistence): SessionHolder {
  let loaded = false
  let session: Session | null = null
  let generation = 0
  const current = (): Session | null => {
    if (!loaded) {
      loaded = true
      session = persistence.load()
    }
    return session
  }
  return {
    current,
    generation: () => generation,
    replace(next, seenGeneration) {
      if (seenGeneration !== generation) return false
      loaded = true
      session = next
      persistence.save(next)
      return true
    },
    clear() {
      generation += 1
      loaded = true
      session = null
      persistence.clear()
    },
    reload() {
      loaded = false
    },
  }
}
