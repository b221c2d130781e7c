import type { AuthClient, LoginOptions } from './AuthClient.js'
import { AuthError } from './AuthError.js'
import type { PendingSigninStore } from './createPendingSigninStore.js'
import type { Protocol } from './createProtocol.js'
import type { SessionHolder } from './createSessionHolder.js'
import type { SessionLifecycle } from './createSessionLifecycle.js'
import { openPopup, popupBlockedError } from './popupWindow.js'
import type { ResolvedConfig } from './resolveConfig.js'
import { runPopup } from './runPopup.js'

export interface LoginParts {
  config: ResolvedConfig
  protocol: Protocol
  pending: PendingSigninStore
  holder: SessionHolder
  lifecycle: SessionLifecycle
}

/** `login()`: by redirect, or by popup with the redirect as an optional fallback. */
export function createLogin({ config, protocol, pending, holder, lifecycle }: LoginParts): AuthClient['login'] {
  // A sign-in asks for what the session already has plus what it adds: a step-up never loses a scope.
  const grantedScopes = () => holder.current()?.scopes ?? []

  async function byRedirect(options: LoginOptions): Promise<void> {
    lifecycle.dispatch({ type: 'started', activity: 'login' })
    try {
      const request = await protocol.signinRequest(options, config.redirectUri, grantedScopes())
      if (!pending.survivesNavigation(request.state)) {
        throw new AuthError(
          'storage',
          'This browser refused to store the sign-in under way (storage full, or site data blocked), so it would be lost on the way back from the identity provider. Allow site data for this app, or sign in with login({ mode: "popup" }).',
        )
      }
      config.navigate(request.url)
    } catch (err) {
      throw lifecycle.fail(err, 'Could not start sign-in')
    }
  }

  async function byPopup(popup: Window, options: LoginOptions): Promise<void> {
    lifecycle.dispatch({ type: 'started', activity: 'login' })
    const generation = holder.generation()
    const complete = async (url: string) => {
      const { session, loginState } = await protocol.redeem(url)
      lifecycle.adoptSignin(session, generation, loginState.appState)
    }
    try {
      const request = await protocol.signinRequest(options, config.popupRedirectUri, grantedScopes())
      const run = runPopup(popup, request.url, request.state, lifecycle.popupSignal())
      const url = await run.result.catch((closed: unknown) => {
        // A result that arrives after the popup counted as closed (a popup left behind, then finished) still signs in.
        void run.late.then(complete).catch((err: unknown) => lifecycle.fail(err, 'Popup sign-in failed'))
        throw closed
      })
      await complete(url)
    } catch (err) {
      if (!popup.closed) popup.close()
      throw lifecycle.fail(err, 'Popup sign-in failed')
    }
  }

  return (options = {}) => {
    const mode = options.mode ?? 'redirect'
    if (mode !== 'redirect' && mode !== 'popup') {
      return Promise.reject(new AuthError('config', `login mode "${String(mode)}" is not supported; use "redirect" or "popup".`))
    }
    if (mode === 'redirect') return byRedirect(options)
    // Opened before anything is awaited: the browser allows a popup only within the click's task.
    const popup = openPopup()
    if (popup) return byPopup(popup, options)
    if (config.popupFallback === 'redirect') return byRedirect(options)
    return Promise.reject(lifecycle.fail(popupBlockedError(), 'Popup sign-in failed'))
  }
}
