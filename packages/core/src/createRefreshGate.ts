import { AuthError } from './AuthError.js'
import { dev } from './dev.js'
import type { SessionHolder } from './createSessionHolder.js'
import type { LineageRecord } from './lineageRecord.js'
import { isNewerSession, type Session } from './Session.js'

export interface RefreshGateOptions {
  holder: SessionHolder
  /** Web Locks, or null when this tab shares its refresh token with no other tab. */
  locks: Pick<LockManager, 'request'> | null
  lockName: string
  /** How long to wait for another tab's turn before giving up with `timeout`. */
  lockTimeoutMs: number
  /** The version each lineage has reached, readable by every tab; null with `locks` null. */
  record: LineageRecord | null
  /** A session of `lineage` at `version` or later, from another tab, or null when none can give it. */
  fetchNewer(lineage: string, version: number): Promise<Session | null>
  /** Tells the other tabs, before the gate opens again. */
  publish(session: Session): void
}

export interface RefreshGate {
  /**
   * Runs `grant` on the latest session, one at a time in this tab and across tabs, and makes its
   * session current. With `unless`, a session that another tab renewed meanwhile and that `unless`
   * accepts is taken instead.
   */
  use<T>(grant: (latest: Session) => Promise<{ session: Session; value: T }>, unless?: (latest: Session) => T | undefined): Promise<T>
}

function signedOutMeanwhile(): AuthError {
  return new AuthError('login_required', dev ? 'You were signed out while the session was being renewed.' : 'Signed out meanwhile.')
}

function isRejected(err: unknown): boolean {
  return err instanceof AuthError ? err.code === 'invalid_grant' : err instanceof Error && (err as { error?: unknown }).error === 'invalid_grant'
}

/**
 * The only way to the refresh token. Refresh tokens rotate: whoever sends one that was already used
 * gets `invalid_grant`, and the IdP revokes the whole grant. So every use goes through one queue in
 * the tab and one Web Lock across tabs, and once the lock is held the session is checked against the
 * lineage record (IndexedDB, which every tab reads coherently) before its token is sent.
 */
export function createRefreshGate(options: RefreshGateOptions): RefreshGate {
  const { holder, locks, record } = options
  let queue: Promise<unknown> = Promise.resolve()

  function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
    if (!locks) return task()
    const signal = AbortSignal.timeout(options.lockTimeoutMs)
    let granted = false
    const holdingTheLock = () => {
      granted = true
      return task()
    }
    return locks.request(options.lockName, { signal }, holdingTheLock).catch((err: unknown) => {
      // Once granted, the deadline no longer applies: the task's own failure is what happened.
      if (!granted && signal.aborted) {
        throw new AuthError('timeout', dev ? 'Another tab has been renewing the session for too long; try again.' : 'Another tab is renewing.', { cause: err })
      }
      throw err
    }) as Promise<T>
  }

  /** The session to use, brought up to the version the lineage record says exists. */
  async function latest(generation: number): Promise<Session> {
    const session = holder.current()
    if (!session || holder.generation() !== generation) throw signedOutMeanwhile()
    const reached = await record?.read(session.lineage)
    if (reached === undefined || reached <= session.version) return session
    const newer = await options.fetchNewer(session.lineage, reached)
    if (!newer || !holder.replace(newer, generation)) {
      throw new AuthError('refresh_failed', dev ? 'Another tab renewed the session, and this tab could not get the renewed tokens. Please sign in again.' : 'Another tab renewed the session.')
    }
    return newer
  }

  async function adopt(session: Session, generation: number): Promise<void> {
    if (holder.generation() !== generation) throw signedOutMeanwhile()
    // Recorded before the gate opens, so the next holder knows this token is spent.
    await record?.write(session.lineage, session.version)
    if (!holder.replace(session, generation)) throw signedOutMeanwhile()
    options.publish(session)
  }

  async function run<T>(grant: (latest: Session) => Promise<{ session: Session; value: T }>, unless?: (latest: Session) => T | undefined): Promise<T> {
    const generation = holder.generation()
    const attempt = async (base: Session, isRetry: boolean): Promise<T> => {
      const taken = unless?.(base)
      if (taken !== undefined) return taken
      try {
        const { session, value } = await grant(base)
        await adopt(session, generation)
        return value
      } catch (err) {
        if (!isRejected(err)) throw err
        // Rejected: another tab may have used this refresh token without this one hearing of it yet.
        const newer = await newerThan(base)
        // Once, on the session that other tab made: its refresh token has not been used.
        if (newer && !isRetry && holder.replace(newer, generation)) return attempt(newer, true)
        // Only a session that still holds the rejected token is forgotten.
        const holding = holder.current()
        if (holding && holding.lineage === base.lineage && holding.version === base.version) holder.clear()
        throw err
      }
    }
    return attempt(await latest(generation), false)
  }

  async function newerThan(base: Session): Promise<Session | null> {
    const current = holder.current()
    if (current && isNewerSession(current, base)) return current
    const reached = await record?.read(base.lineage)
    return reached !== undefined && reached > base.version ? options.fetchNewer(base.lineage, reached) : null
  }

  return {
    use(grant, unless) {
      const turn = queue.then(() => acrossTabs(() => run(grant, unless)))
      queue = turn.catch(() => undefined)
      return turn
    },
  }
}
