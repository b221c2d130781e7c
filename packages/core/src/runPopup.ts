import { waitForCallback } from './callbackChannel.js'
import { watchPopupClosed } from './popupWindow.js'

/** A pending sign-in expires after this long at the latest, so a late result is not awaited longer. */
const lateResultWindowMs = 15 * 60_000

export interface PopupRun {
  /** The callback URL, or `popup_closed` once the user closed the popup. */
  readonly result: Promise<string>
  /**
   * A result that still arrives after the popup counted as closed (COOP makes a popup read closed
   * while it is open), until `signal` aborts or the sign-in would have expired anyway.
   */
  readonly late: Promise<string>
}

/**
 * One round trip through a popup, shared by sign-in and sign-out: load `url` in the popup and wait
 * for the callback page carrying `state`. Everything it sets up is torn down when it settles.
 */
export function runPopup(popup: Window, url: string, state: string, signal: AbortSignal): PopupRun {
  const callback = waitForCallback(state)
  popup.location.href = url
  const watch = watchPopupClosed(popup)
  const stopWaiting = () => {
    clearTimeout(expiry)
    callback.cancel()
    signal.removeEventListener('abort', stopWaiting)
  }
  const expiry = setTimeout(stopWaiting, lateResultWindowMs)
  signal.addEventListener('abort', stopWaiting, { once: true })
  const late = callback.result.finally(() => {
    clearTimeout(expiry)
    signal.removeEventListener('abort', stopWaiting)
  })
  const result = Promise.race([callback.result, watch.closed]).finally(() => {
    watch.stop()
    if (!popup.closed) popup.close()
  })
  return { result, late }
}
