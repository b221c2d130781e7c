import type { Protocol } from './createProtocol.js'
import type { SessionHolder } from './createSessionHolder.js'
import type { SessionLifecycle } from './createSessionLifecycle.js'
import type { ResolvedConfig } from './resolveConfig.js'
import { isRelayedCallback } from './relayedCallback.js'
import { usable } from './Session.js'
import { toAuthError } from './toAuthError.js'

/**
 * Whether `href` is the IdP sending the user back to this app's redirect URI from a redirect sign-in
 * (a popup's or an iframe's answer may land there too, but is relayed, never redeemed here).
 */
export function isSigninCallback(href: string, config: ResolvedConfig): boolean {
  const url = new URL(href)
  const redirect = new URL(config.redirectUri)
  return (
    url.origin === redirect.origin &&
    url.pathname === redirect.pathname &&
    url.searchParams.has('state') &&
    (url.searchParams.has('code') || url.searchParams.has('error')) &&
    !isRelayedCallback(href)
  )
}

/** Leaves the callback URL for `path`, so no code, state or iss stays in the address bar or history. */
export function replaceUrl(path: string): void {
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`
  if (here === path) return
  window.history.replaceState(window.history.state, '', path)
  // Routers (React Router, TanStack Router, wouter) follow popstate; replaceState alone would leave them on the callback route.
  window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }))
}

export interface CallbackParts {
  protocol: Protocol
  holder: SessionHolder
  lifecycle: SessionLifecycle
}

/**
 * Completes the redirect sign-in that `url` answers: its state first (unknown: `state_mismatch`,
 * nothing redeemed), then `iss`, then the code, redeemed once, then the tokens. Whatever happens, the
 * URL is clean afterwards and the user is on `returnTo`.
 */
export async function completeRedirectSignin(url: string, { protocol, holder, lifecycle }: CallbackParts): Promise<void> {
  lifecycle.dispatch({ type: 'started', activity: 'callback' })
  const generation = holder.generation()
  // Read before redeeming, so a sign-in that fails still lands where it was going.
  let returnTo = (await protocol.pendingLoginState(url).catch(() => null))?.returnTo ?? '/'
  let outcome: () => void
  try {
    const { session, loginState } = await protocol.redeem(url)
    returnTo = loginState.returnTo
    outcome = () => lifecycle.adoptSignin(session, generation, loginState.appState)
  } catch (err) {
    const error = toAuthError(err, 'Sign-in failed')
    // A reload of a used callback URL, or the back button onto it: the code is spent, but the session it made is fine.
    const existing = usable(holder.current())
    outcome = existing ? () => lifecycle.show(existing, error.code === 'state_mismatch' ? null : error) : () => lifecycle.dispatch({ type: 'signed-out', error })
  }
  // The URL first: an app that waits for the callback to end before it renders its router then never
  // shows the router the callback URL, with its code.
  replaceUrl(returnTo)
  outcome()
}
