import { createGateTabs } from './createGateTabs.js'
import { createTabSync } from './createTabSync.js'
import type { ResolvedConfig } from './resolveConfig.js'
import type { TabLink, TabLinkClient } from './TabLink.js'
import type { TabEnvironment } from './tabSync.js'

/** How long a tab waits for an open tab to hand over its session. */
const handoverWaitMs = 1000

/**
 * Wires the tab sync feature into one client (`key`: one app at one IdP): which storage and sharing
 * the browser's means allow, the channel, and the refresh gate's turns across tabs.
 */
export function linkTabs(env: TabEnvironment, key: string, config: ResolvedConfig, client: TabLinkClient): TabLink {
  // Tabs share one refresh token only where they can take turns with it and see each other's turns.
  const canShare = env.locks !== null && env.record !== null && env.createChannel !== null
  const shareSession = canShare && config.shareSession
  // Without that, localStorage would hand one refresh token to every tab with no lock: keep it per tab.
  const storage = config.storage === 'local' && !canShare ? 'session' : config.storage
  // Tokens go over the channel only to tabs that may hold the same session: all of them when they
  // share it, else a duplicated tab's copy of sessionStorage. Never with 'memory' alone.
  const announces = shareSession || (canShare && storage === 'session')
  const record = canShare ? env.record : null
  const tabs = env.createChannel
    ? createTabSync({
        channelName: key,
        createChannel: env.createChannel,
        locks: env.locks,
        current: () => (announces ? client.holder().current() : null),
        handsOver: shareSession,
        onSession: (session) => client.lifecycle().receive(session),
        onLogout: (lineage) => client.lifecycle().end(lineage, null),
      })
    : null
  const announce = (session: Parameters<TabLink['announce']>[0]) => {
    if (announces) tabs?.announceSession(session)
  }
  return {
    storage,
    shareSession,
    // A tab that may be handed a session waits for the answer before it says "anonymous".
    awaitsHandover: shareSession && storage !== 'local',
    tabs,
    gate: createGateTabs({
      locks: canShare ? env.locks : null,
      lockName: `${key}:refresh`,
      lockTimeoutMs: (config.requestTimeoutSeconds + 5) * 1000,
      record,
      async fetchNewer(lineage, version) {
        const answer = await tabs?.ask(handoverWaitMs, lineage, version)
        if (answer) return answer
        const stored = client.load()
        return stored && stored.lineage === lineage && stored.version >= version ? stored : null
      },
      publish: announce,
    }),
    announce,
    forget: (lineage) => void record?.forget(lineage).catch(() => undefined),
    async handOver() {
      const holder = client.holder()
      if (holder.current() || !shareSession || storage === 'local' || !tabs || !(await tabs.peersHoldSession())) return
      const generation = holder.generation()
      const handed = await tabs.ask(handoverWaitMs)
      if (handed && !client.lifecycle().hasEnded(handed.lineage)) holder.replace(handed, generation)
    },
  }
}
