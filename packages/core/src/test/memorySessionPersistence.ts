import type { Session } from '../Session.js'
import type { SessionPersistence } from '../sessionPersistence.js'

/** A tab's storage in memory: what `save` left is what the next `load` reads. Counts the loads. */
export function createMemorySessionPersistence(initial: Session | null = null): SessionPersistence & {
  readonly stored: Session | null
  readonly loads: number
} {
  let stored = initial
  let loads = 0
  return {
    load() {
      loads += 1
      return stored
    },
    save(session) {
      stored = session
    },
    clear() {
      stored = null
    },
    get stored() {
      return stored
    },
    get loads() {
      return loads
    },
  }
}
