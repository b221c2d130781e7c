import { callbackChannelName, type CallbackMessage } from './callbackChannel.js'

/**
 * The whole script of the popup and silent-renewal callback page: hand the URL to the app and get
 * out of the way. It boots no app and redeems nothing; the app that started the sign-in does that.
 *
 * @example
 * // popup-callback.html: <script type="module">import { relayAuthCallback } from '@latchkey/core'; relayAuthCallback()</script>
 */
export function relayAuthCallback(): void {
  const message: CallbackMessage = { type: 'latchkey:callback', url: window.location.href }
  const channel = new BroadcastChannel(callbackChannelName)
  channel.postMessage(message)
  channel.close()
  const inIframe = window.parent !== window
  if (inIframe) {
    window.parent.postMessage(message, window.location.origin)
    return
  }
  // The query holds a code or a logout state; nothing of it should linger in this window's history.
  window.history.replaceState(null, '', window.location.pathname)
  window.close()
}
