import type { SessionStorageKind } from './AuthClientConfig.js'
import type { SessionHolder } from './createSessionHolder.js'
import type { SessionLifecycle } from './createSessionLifecycle.js'
import type { TabSync } from './createTabSync.js'
import type { Session } from './Session.js'

/**
 * The refresh gate's turns across tabs: one Web Lock, and the version each lineage reached, which
 * every tab reads coherently. Brought by the tab sync feature; without it a tab takes turns only with
 * itself.
 */
export interface GateTabs {
  /** Runs `task` while holding the refresh lock, one tab at a time. */
  exclusive<T>(task: () => Promise<T>): Promise<T>
  /** The version `lineage` has reached in any tab, if recorded. */
  reached(lineage: string): Promise<number | undefined>
  /** Records that `lineage` reached `version`, before the gate opens again. */
  reach(lineage: string, version: number): Promise<void>
  /** A session of `lineage` at `version` or later, from another tab, or null when none can give it. */
  fetchNewer(lineage: string, version: number): Promise<Session | null>
  /** Tells the other tabs of a renewed session. */
  publish(session: Session): void
}

/** What the client lends the tab sync feature, read when needed: the parts are built after the link. */
export interface TabLinkClient {
  holder(): SessionHolder
  lifecycle(): SessionLifecycle
  /** The session as stored, which another tab may have written. */
  load(): Session | null
}

/** The tab sync feature, wired into one client: everything the client does across tabs. */
export interface TabLink {
  /** Where the session is kept: 'local' only where tabs can take turns with one refresh token. */
  readonly storage: SessionStorageKind
  /** Whether a sign-in made in another tab is taken here. */
  readonly shareSession: boolean
  /** Whether the first state waits for an open tab's handover rather than showing "anonymous". */
  readonly awaitsHandover: boolean
  /** The messages between tabs; null without BroadcastChannel. */
  readonly tabs: TabSync | null
  /** The refresh gate's turns across tabs. */
  readonly gate: GateTabs
  /** Tells the other tabs of a sign-in made here, where they may hold it. */
  announce(session: Session): void
  /** Drops the version record of a lineage that ended. */
  forget(lineage: string): void
  /** On start, with nothing stored: takes the session an open tab hands over, if any. */
  handOver(): Promise<void>
}
