import { isSession, type Session } from './Session.js'

type TabMessage =
  | { readonly type: 'session'; readonly session: Session }
  | { readonly type: 'logout'; readonly lineage: string | null }
  | { readonly type: 'ask'; readonly id: string; readonly lineage: string | null; readonly version: number }
  | { readonly type: 'answer'; readonly id: string; readonly session: Session }

export interface TabSyncOptions {
  /** Scoped to one authority and client, so two apps (or two IdPs) on one origin never mix sessions. */
  channelName: string
  /** Another tab signed in or renewed. */
  onSession(session: Session): void
  /** Another tab signed out of `lineage` (null: it had no session). */
  onLogout(lineage: string | null): void
  /** This tab's session, to hand to a tab that asks; null when it has none to share. */
  current(): Session | null
  /** Whether a new tab that asks for any session gets this one (else only a tab of the same lineage). Default true. */
  handsOver?: boolean
  /** Tells a new tab whether asking is worth the wait; null without Web Locks. */
  locks: Pick<LockManager, 'request' | 'query'> | null
  createChannel?: (name: string) => BroadcastChannel
}

export interface TabSync {
  start(): void
  stop(): void
  announceSession(session: Session): void
  announceLogout(lineage: string | null): void
  /** Holds (or lets go of) this tab's mark as one that has a session to hand over. */
  markHolding(holding: boolean): void
  /** A session from another tab, of `lineage` at `version` or later when given; null after `timeoutMs`. */
  ask(timeoutMs: number, lineage?: string, version?: number): Promise<Session | null>
  /** Whether some tab marks itself as holding a session: a new tab with nothing stored need not wait otherwise. */
  peersHoldSession(): Promise<boolean>
}

function isTabMessage(data: unknown): data is TabMessage {
  if (data === null || typeof data !== 'object') return false
  const message = data as Partial<Record<string, unknown>>
  switch (message['type']) {
    case 'logout':
      return typeof message['lineage'] === 'string' || message['lineage'] === null
    case 'session':
    case 'answer':
      return isSession(message['session'])
    case 'ask':
      return typeof message['id'] === 'string'
    default:
      return false
  }
}

/**
 * Login, renewal and logout propagation between the tabs of one app, and a new tab's handover, over
 * BroadcastChannel. The channel is open only between start() and stop().
 */
export function createTabSync(options: TabSyncOptions): TabSync {
  const holderLock = `${options.channelName}:holder`
  const createChannel = options.createChannel ?? ((name: string) => new BroadcastChannel(name))
  let channel: BroadcastChannel | null = null
  const waiting = new Map<string, (session: Session | null) => void>()
  let releaseMark: (() => void) | undefined

  const post = (message: TabMessage) => channel?.postMessage(message)

  const onMessage = (event: MessageEvent) => {
    const message: unknown = event.data
    if (!isTabMessage(message)) return
    switch (message.type) {
      case 'session':
        return options.onSession(message.session)
      case 'logout':
        return options.onLogout(message.lineage)
      case 'answer':
        return waiting.get(message.id)?.(message.session)
      case 'ask': {
        const mine = options.current()
        if (!mine) return
        if (message.lineage === null ? options.handsOver === false : mine.lineage !== message.lineage || mine.version < message.version) return
        post({ type: 'answer', id: message.id, session: mine })
      }
    }
  }

  return {
    start() {
      if (channel) return
      channel = createChannel(options.channelName)
      channel.addEventListener('message', onMessage)
    },
    stop() {
      channel?.removeEventListener('message', onMessage)
      channel?.close()
      channel = null
      for (const settle of waiting.values()) settle(null)
      waiting.clear()
      this.markHolding(false)
    },
    announceSession: (session) => post({ type: 'session', session }),
    announceLogout: (lineage) => post({ type: 'logout', lineage }),
    markHolding(holding) {
      if (!holding || !channel) {
        releaseMark?.()
        releaseMark = undefined
        return
      }
      if (releaseMark || !options.locks) return
      const held = new Promise<void>((resolve) => {
        releaseMark = resolve
      })
      void options.locks.request(holderLock, { mode: 'shared' }, () => held).catch(() => undefined)
    },
    ask(timeoutMs, lineage, version = 0) {
      if (!channel) return Promise.resolve(null)
      const id = crypto.randomUUID()
      return new Promise<Session | null>((resolve) => {
        const timer = setTimeout(() => settle(null), timeoutMs)
        const settle = (session: Session | null) => {
          clearTimeout(timer)
          waiting.delete(id)
          resolve(session)
        }
        waiting.set(id, settle)
        post({ type: 'ask', id, lineage: lineage ?? null, version })
      })
    },
    async peersHoldSession() {
      if (!options.locks || !channel) return false
      const { held = [] } = await options.locks.query()
      return held.some((lock) => lock.name === holderLock)
    },
  }
}
