/**
 * The popup feature: sign-in, sign-out and step-up in a popup. Also `@latchkey/react/popup`.
 *
 * @module @latchkey/core/popup
 */
import { defineFeature, type AuthFeature } from './AuthFeature.js'
import { openPopup, popupBlockedError } from './popupWindow.js'
import { relayAuthCallback } from './relayAuthCallback.js'
import { runPopup } from './runPopup.js'
import { signInWithPopup } from './signInWithPopup.js'

/** What the popup feature brings to the client. */
export interface PopupCode {
  /** Opens the popup window, or returns null when the browser blocks it. */
  open: typeof openPopup
  /** The `popup_blocked` error. */
  blocked: typeof popupBlockedError
  /** Signs in through an open popup. */
  signIn: typeof signInWithPopup
  /** One round trip through a popup, shared by sign-in and sign-out. */
  run: typeof runPopup
  /** Hands the IdP's answer from the popup to its opener, when the popup loads the app's own page. */
  relay: typeof relayAuthCallback
}

/**
 * Sign-in and sign-out in a popup (`login({ mode: 'popup' })`, `logout({ mode: 'popup' })`, and
 * step-up by popup in `auth.fetch`). The result comes back over BroadcastChannel from the callback
 * page, so it survives an IdP's Cross-Origin-Opener-Policy.
 *
 * @example
 * import { popup } from '@latchkey/core/popup'
 * const auth = createAuthClient({ authority, clientId, features: [popup()] })
 */
export function popup(): AuthFeature<'popup'> {
  return defineFeature('popup', { open: openPopup, blocked: popupBlockedError, signIn: signInWithPopup, run: runPopup, relay: relayAuthCallback } satisfies PopupCode)
}
