import { callbackChannelName, type CallbackMessage } from './callbackChannel.js'

/** The window that started the sign-in, when this page can still reach it (no COOP cut). */
function starter(): Window | null {
  if (window.parent !== window) return window.parent
  try {
    return window.opener as Window | null
  } catch {
    return null
  }
}

/**
 * The whole script of the popup and silent-renewal callback page: hand the URL to the app and get
 * out of the way. It boots no app and redeems nothing; the app that started the sign-in does that.
 *
 * @example
 * // popup-callback.html: <script type="module">import { relayAuthCallback } from '@latchkey/core'; relayAuthCallback()</script>
 */
export function relayAuthCallback(): void {
  const message: CallbackMessage = { type: 'latchkey:callback', url: window.location.href }
  if (typeof BroadcastChannel !== 'undefined') {
    const channel = new BroadcastChannel(callbackChannelName)
    channel.postMessage(message)
    channel.close()
  }
  // Also straight to the starter: the only way without BroadcastChannel, and harmless with it (one result per state).
  try {
    starter()?.postMessage(message, window.location.origin)
  } catch {
    // The starter is gone or on another origin now; the broadcast above is all there is.
  }
  if (window.parent !== window) return
  // The query holds a code or a logout state; nothing of it should linger in this window's history.
  window.history.replaceState(null, '', window.location.pathname)
  window.close()
}
