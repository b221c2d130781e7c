import { callbackChannelName, type CallbackMessage } from './callbackChannel.js'

function isFramedByAnotherOrigin(): boolean {
  if (window.parent === window) return false
  try {
    return window.parent.location.origin !== window.location.origin
  } catch {
    return true
  }
}

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
 * Serve the page with `Content-Security-Policy: frame-ancestors 'self'`; framed by another origin
 * anyway, it relays nothing.
 *
 * @example
 * // popup-callback.html: <script type="module">import { relayAuthCallback } from '@latchkey/core'; relayAuthCallback()</script>
 */
export function relayAuthCallback(): void {
  // Framed by another site (a clickjacking or injection attempt), this page relays nothing at all.
  if (isFramedByAnotherOrigin()) return
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
