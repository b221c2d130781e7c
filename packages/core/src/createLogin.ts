import type { AuthClient, LoginOptions } from './AuthClient.js'
import { AuthError } from './AuthError.js'
import { dev } from './dev.js'
import { missingFeature } from './AuthFeature.js'
import { rejectReservedParameters } from './reservedParameters.js'
import type { PendingSigninStore } from './createPendingSigninStore.js'
import type { Protocol } from './createProtocol.js'
import type { SessionHolder } from './createSessionHolder.js'
import type { SessionLifecycle } from './createSessionLifecycle.js'
import type { PopupCode } from './popup.js'
import type { ResolvedConfig } from './resolveConfig.js'

export interface LoginParts {
  config: ResolvedConfig
  protocol: Protocol
  pending: PendingSigninStore
  holder: SessionHolder
  lifecycle: SessionLifecycle
  /** The popup feature, when the app added it. */
  popup: PopupCode | undefined
}

/** `login()`: by redirect, or by popup (with the popup feature) with the redirect as an optional fallback. */
export function createLogin(parts: LoginParts): AuthClient['login'] {
  const { config, protocol, pending, holder, lifecycle, popup } = parts

  async function byRedirect(options: LoginOptions): Promise<void> {
    lifecycle.dispatch({ type: 'started', activity: 'login' })
    try {
      // A sign-in asks for what the session already has plus what it adds: a step-up never loses a scope.
      const request = await protocol.signinRequest(options, holder.current()?.scopes ?? [])
      if (!pending.survivesNavigation(request.state)) {
        throw new AuthError(
          'storage',
          dev
            ? 'This browser refused to store the sign-in under way (storage full, or site data blocked), so it would be lost on the way back from the identity provider. Allow site data for this app, or sign in with login({ mode: "popup" }).'
            : '',
        )
      }
      config.navigate(request.url)
    } catch (err) {
      throw lifecycle.fail(err, 'Could not start sign-in')
    }
  }

  // Always a promise, whatever goes wrong: a button's click handler never sees a synchronous throw.
  return (options = {}) => {
    try {
      return start(options)
    } catch (err) {
      return Promise.reject(lifecycle.fail(err, 'Could not start sign-in'))
    }
  }

  function start(options: LoginOptions): Promise<void> {
    rejectReservedParameters(options.extraParams, 'login({ extraParams })')
    const mode = options.mode ?? 'redirect'
    if (mode === 'redirect') return byRedirect(options)
    if (mode !== 'popup') {
      return Promise.reject(new AuthError('config', dev ? `login mode "${String(mode)}" is not supported; use "redirect" or "popup".` : ''))
    }
    if (!popup) return Promise.reject(lifecycle.fail(missingFeature('popup', 'login({ mode: "popup" })'), 'Popup sign-in failed'))
    // Opened before anything is awaited: the browser allows a popup only within the click's task.
    const opened = popup.open()
    if (opened) return popup.signIn(parts, opened, options)
    if (config.popupFallback === 'redirect') return byRedirect(options)
    return Promise.reject(lifecycle.fail(popup.blocked(), 'Popup sign-in failed'))
  }
}
