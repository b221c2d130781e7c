import type { AuthClient, LogoutOptions, LogoutResult } from './AuthClient.js'
import type { PendingSigninStore } from './createPendingSigninStore.js'
import type { Protocol } from './createProtocol.js'
import type { SessionHolder } from './createSessionHolder.js'
import type { SessionLifecycle } from './createSessionLifecycle.js'
import type { TabSync } from './createTabSync.js'
import { missingFeature } from './AuthFeature.js'
import type { PopupCode } from './popup.js'
import type { ResolvedConfig } from './resolveConfig.js'
import { sanitizeReturnTo } from './sanitizeReturnTo.js'
import { webStorage } from './sessionPersistence.js'
import { replaceUrl } from './signinCallback.js'

export interface LogoutParts {
  config: ResolvedConfig
  protocol: Protocol
  pending: PendingSigninStore
  holder: SessionHolder
  lifecycle: SessionLifecycle
  tabs: TabSync | null
  /** Where a redirect sign-out keeps its `returnTo` for the page the IdP sends the user back to. */
  returnKey: string
  /** The popup feature, when the app added it. */
  popup: PopupCode | undefined
}

/**
 * `logout()`. The app's session ends first, in this tab and the others, synchronously: whatever is
 * in flight (a refresh, revocation, the end-session request) can no longer bring it back. An IdP
 * without an end-session endpoint cannot end its own session; that is reported, not thrown, since
 * the user is signed out of the app as asked (see LogoutResult).
 */
export function createLogout({ config, protocol, pending, holder, lifecycle, tabs, returnKey, popup: popupFeature }: LogoutParts): AuthClient['logout'] {
  return async (options: LogoutOptions = {}): Promise<LogoutResult> => {
    const mode = options.mode ?? 'redirect'
    if (mode === 'popup' && !popupFeature) throw lifecycle.fail(missingFeature('popup', 'logout({ mode: "popup" })'), 'Sign-out failed')
    const session = holder.current()
    const lineage = lifecycle.forget()
    // No PKCE verifier of an abandoned sign-in is left behind either.
    void pending.clear()
    lifecycle.dispatch({ type: 'signed-out', activity: mode === 'local' ? null : 'logout' })
    tabs?.announceLogout(lineage)
    // Opened before anything is awaited: the browser allows a popup only within the click's task.
    const popup = mode === 'popup' && popupFeature ? { code: popupFeature, window: popupFeature.open() } : null
    let revoked = false
    try {
      if (session && (options.revoke ?? config.revokeOnLogout)) revoked = await protocol.revoke(session)
      if (mode === 'local') return { idpSession: 'kept', revoked }
      if (!(await protocol.metadata()).end_session_endpoint) {
        popup?.window?.close()
        lifecycle.dispatch({ type: 'settled' })
        return { idpSession: 'kept', revoked }
      }
      const request = await protocol.signoutRequest({ popup: popup !== null, idToken: session?.idToken })
      if (!popup) {
        try {
          webStorage('session')?.setItem(returnKey, sanitizeReturnTo(options.returnTo ?? '/', config.origin))
        } catch {
          // Without storage the user lands on the post-logout URI itself.
        }
        config.navigate(request.url)
        return { idpSession: 'ending', revoked }
      }
      if (!popup.window) throw popup.code.blocked()
      // Closing the popup early still leaves this app signed out; only the IdP session may survive.
      await popup.code.run(popup.window, request.url, request.state, lifecycle.popupSignal()).result.catch(() => undefined)
      lifecycle.dispatch({ type: 'settled' })
      return { idpSession: 'ended', revoked }
    } catch (err) {
      if (popup?.window && !popup.window.closed) popup.window.close()
      throw lifecycle.fail(err, 'You are signed out of this app, but not at the identity provider')
    }
  }
}

/** On the page the IdP sent the user back to after a redirect sign-out: go on to its `returnTo`. */
export function completeSignoutReturn(config: ResolvedConfig, returnKey: string): void {
  try {
    const storage = webStorage('session')
    const returnTo = storage?.getItem(returnKey) ?? null
    if (returnTo === null) return
    storage?.removeItem(returnKey)
    if (new URL(window.location.href).pathname === new URL(config.postLogoutRedirectUri).pathname) {
      replaceUrl(sanitizeReturnTo(returnTo, config.origin))
    }
  } catch {
    // Without storage there is no return path to follow.
  }
}
