import { AuthError } from './AuthError.js'
import { dev } from './dev.js'
import type { LineageRecord } from './lineageRecord.js'
import type { GateTabs } from './TabLink.js'

export interface GateTabsOptions extends Pick<GateTabs, 'fetchNewer' | 'publish'> {
  /** Web Locks, or null when this tab shares its refresh token with no other tab. */
  locks: Pick<LockManager, 'request'> | null
  lockName: string
  /** How long to wait for another tab's turn before giving up with `timeout`. */
  lockTimeoutMs: number
  /** The version each lineage has reached, readable by every tab; null with `locks` null. */
  record: LineageRecord | null
}

/** The refresh gate's turns across tabs, over Web Locks and the lineage record. */
export function createGateTabs({ locks, lockName, lockTimeoutMs, record, fetchNewer, publish }: GateTabsOptions): GateTabs {
  return {
    exclusive(task) {
      if (!locks) return task()
      const signal = AbortSignal.timeout(lockTimeoutMs)
      let granted = false
      const holdingTheLock = () => {
        granted = true
        return task()
      }
      return locks.request(lockName, { signal }, holdingTheLock).catch((err: unknown) => {
        // Once granted, the deadline no longer applies: the task's own failure is what happened.
        if (!granted && signal.aborted) {
          throw new AuthError('timeout', dev ? 'Another tab has been renewing the session for too long; try again.' : '', { cause: err })
        }
        throw err
      }) as ReturnType<typeof task>
    },
    reached: async (lineage) => record?.read(lineage),
    reach: async (lineage, version) => record?.write(lineage, version),
    fetchNewer,
    publish,
  }
}
