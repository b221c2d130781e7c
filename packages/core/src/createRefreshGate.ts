import { AuthError } from './AuthError.js'
import { dev } from './dev.js'
import type { SessionHolder } from './createSessionHolder.js'
import { isNewerSession, type Session } from './Session.js'
import type { GateTabs } from './TabLink.js'

export interface RefreshGateOptions {
  holder: SessionHolder
  /** Turns across tabs (the tab sync feature), or null when this tab shares its refresh token with none. */
  tabs: GateTabs | null
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
  return new AuthError('login_required', dev ? 'You were signed out while the session was being renewed.' : '')
}

function isRejected(err: unknown): boolean {
  return err instanceof AuthError ? err.code === 'invalid_grant' : err instanceof Error && (err as { error?: unknown }).error === 'invalid_grant'
}

/**
 * The only way to the refresh token. Refresh tokens rotate: whoever sends one that was already used
 * gets `invalid_grant`, and the IdP revokes the whole grant. So every use goes through one queue in
 * the tab and, with the tab sync feature, one Web Lock across tabs; once the lock is held the session
 * is checked against the lineage record (IndexedDB, which every tab reads coherently) before its
 * token is sent.
 */
export function createRefreshGate(options: RefreshGateOptions): RefreshGate {
  const { holder, tabs } = options
  let queue: Promise<unknown> = Promise.resolve()

  /** The session to use, brought up to the version the lineage record says exists. */
  async function latest(generation: number): Promise<Session> {
    const session = holder.current()
    if (!session || holder.generation() !== generation) throw signedOutMeanwhile()
    const reached = await tabs?.reached(session.lineage)
    if (!tabs || reached === undefined || reached <= session.version) return session
    const newer = await tabs.fetchNewer(session.lineage, reached)
    if (!newer || !holder.replace(newer, generation)) {
      throw new AuthError('refresh_failed', dev ? 'Another tab renewed the session, and this tab could not get the renewed tokens. Please sign in again.' : '')
    }
    return newer
  }

  async function adopt(session: Session, generation: number): Promise<void> {
    if (holder.generation() !== generation) throw signedOutMeanwhile()
    // Recorded before the gate opens, so the next holder knows this token is spent.
    await tabs?.reach(session.lineage, session.version)
    if (!holder.replace(session, generation)) throw signedOutMeanwhile()
    tabs?.publish(session)
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
    const reached = await tabs?.reached(base.lineage)
    return tabs && reached !== undefined && reached > base.version ? tabs.fetchNewer(base.lineage, reached) : null
  }

  return {
    use(grant, unless) {
      const turn = queue.then(() => (tabs ? tabs.exclusive(() => run(grant, unless)) : run(grant, unless)))
      queue = turn.catch(() => undefined)
      return turn
    },
  }
}
