/**
 * The tab sync feature: one session for all of an app's tabs. Also `@latchkey/react/tab-sync`.
 *
 * @module @latchkey/core/tab-sync
 */
import { defineFeature, type AuthFeature } from './AuthFeature.js'
import { createLineageRecord, type LineageRecord } from './lineageRecord.js'
import { linkTabs } from './linkTabs.js'
import type { ResolvedConfig } from './resolveConfig.js'
import type { TabLink, TabLinkClient } from './TabLink.js'

/** What tabs of one browser share; tests pass fakes. */
export interface TabEnvironment {
  /** The Web Locks API (`navigator.locks`), or null. */
  locks: Pick<LockManager, 'request' | 'query'> | null
  /** The IndexedDB record of each sign-in's refresh-token version, or null. */
  record: LineageRecord | null
  /** Opens a BroadcastChannel, or null where there is none. */
  createChannel: ((name: string) => BroadcastChannel) | null
}

/** What the tab sync feature brings to the client. */
export interface TabSyncCode {
  /** Wires tab sync into the client for `key` (one app at one IdP). */
  link(key: string, config: ResolvedConfig, client: TabLinkClient): TabLink
}

function browserTabs(key: string): TabEnvironment {
  const locks = typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null
  return {
    locks,
    record: locks && typeof indexedDB !== 'undefined' ? createLineageRecord(key) : null,
    createChannel: typeof BroadcastChannel === 'undefined' ? null : (name) => new BroadcastChannel(name),
  }
}

/** Tab sync over the given means instead of the browser's: for tests that play several tabs in one page. */
export function tabSyncWith(connect: (key: string) => TabEnvironment): AuthFeature<'tab-sync'> {
  return defineFeature('tab-sync', { link: (key, config, client) => linkTabs(connect(key), key, config, client) } satisfies TabSyncCode)
}

/**
 * One session for all of the app's tabs: a sign-in or sign-out in one reaches the others, a new tab
 * starts signed in, and however many tabs are open, the refresh token is used by one at a time (a
 * Web Lock, and a version record in IndexedDB that every tab reads coherently). Needed for
 * `storage: 'local'`. Without it each tab keeps a session of its own.
 *
 * @example
 * import { tabSync } from '@latchkey/core/tab-sync'
 * const auth = createAuthClient({ authority, clientId, features: [tabSync()] })
 */
export function tabSync(): AuthFeature<'tab-sync'> {
  return tabSyncWith(browserTabs)
}
