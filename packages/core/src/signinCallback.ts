import type { ResolvedConfig } from './resolveConfig.js'

/** Whether `href` is the IdP sending the user back to this app's redirect URI. */
export function isSigninCallback(href: string, config: ResolvedConfig): boolean {
  const url = new URL(href)
  const redirect = new URL(config.redirectUri)
  return (
    url.origin === redirect.origin &&
    url.pathname === redirect.pathname &&
    url.searchParams.has('state') &&
    (url.searchParams.has('code') || url.searchParams.has('error'))
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
