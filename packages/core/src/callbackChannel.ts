import { stateId } from './relayedCallback.js'

/** The BroadcastChannel on which callback pages (popup, silent iframe) hand their URL to the app. */
export const callbackChannelName = 'latchkey:callback'

export interface CallbackMessage {
  readonly type: 'latchkey:callback'
  readonly url: string
}

export function isCallbackMessage(data: unknown): data is CallbackMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as Partial<CallbackMessage>).type === 'latchkey:callback' &&
    typeof (data as Partial<CallbackMessage>).url === 'string'
  )
}

function stateOf(url: string): string | null {
  const parsed = new URL(url)
  const state = parsed.searchParams.get('state') ?? new URLSearchParams(parsed.hash.slice(1)).get('state')
  return state === null ? null : stateId(state)
}

export interface CallbackWait {
  readonly result: Promise<string>
  cancel(): void
}

/**
 * Waits for the callback page that carries `state`. BroadcastChannel first: an IdP that sends
 * Cross-Origin-Opener-Policy cuts the popup off from its opener, but a page on our origin can still
 * broadcast. A silent iframe, and a popup in a browser without BroadcastChannel, post to this window.
 */
export function waitForCallback(state: string): CallbackWait {
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(callbackChannelName)
  let settle: (url: string) => void = () => undefined
  const result = new Promise<string>((resolve) => {
    settle = resolve
  })
  const onData = (data: unknown) => {
    if (isCallbackMessage(data) && stateOf(data.url) === state) {
      cancel()
      settle(data.url)
    }
  }
  const onChannel = (event: MessageEvent) => onData(event.data)
  const onWindow = (event: MessageEvent) => {
    if (event.origin === window.location.origin) onData(event.data)
  }
  const cancel = () => {
    channel?.removeEventListener('message', onChannel)
    channel?.close()
    window.removeEventListener('message', onWindow)
  }
  channel?.addEventListener('message', onChannel)
  window.addEventListener('message', onWindow)
  return { result, cancel }
}
