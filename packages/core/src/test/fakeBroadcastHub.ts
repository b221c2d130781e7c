/**
 * BroadcastChannel for one simulated origin: each simulated tab gets its own channel object, and a
 * message reaches every other open channel of the same name, as a structured clone, in a later
 * microtask; never the sender, and never a channel closed by the time it arrives.
 */
export interface FakeBroadcastHub {
  createChannel(name: string): BroadcastChannel
  /** Every channel made so far, open or closed. */
  readonly channels: readonly FakeChannel[]
  /** Resolves once every message posted so far (and any posted in answer) has been delivered. */
  flush(): Promise<void>
}

export interface FakeChannel extends BroadcastChannel {
  readonly isClosed: boolean
}

export function createFakeBroadcastHub(): FakeBroadcastHub {
  const channels: FakeChannel[] = []
  let inTransit = 0

  class Channel extends EventTarget implements FakeChannel {
    onmessage: ((this: BroadcastChannel, ev: MessageEvent) => unknown) | null = null
    onmessageerror: ((this: BroadcastChannel, ev: MessageEvent) => unknown) | null = null
    isClosed = false

    constructor(readonly name: string) {
      super()
    }

    postMessage(message: unknown): void {
      if (this.isClosed) throw new DOMException('BroadcastChannel is closed.', 'InvalidStateError')
      for (const other of channels) {
        if (other === this || other.name !== this.name || other.isClosed) continue
        const data: unknown = structuredClone(message)
        inTransit += 1
        queueMicrotask(() => {
          inTransit -= 1
          if (other.isClosed) return
          const event = new MessageEvent('message', { data })
          other.dispatchEvent(event)
          other.onmessage?.call(other, event)
        })
      }
    }

    close(): void {
      this.isClosed = true
    }
  }

  return {
    createChannel(name) {
      const channel = new Channel(name)
      channels.push(channel)
      return channel
    },
    channels,
    async flush() {
      do await Promise.resolve()
      while (inTransit > 0)
    },
  }
}
