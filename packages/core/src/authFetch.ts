/**
 * The fetch feature: `auth.fetch()` with the access token, a retry on 401 and step-up on 403. Also `@latchkey/react/fetch`.
 *
 * @module @latchkey/core/fetch
 */
import { AuthError } from './AuthError.js'
import { dev } from './dev.js'
import { defineFeature, type AuthFeature } from './AuthFeature.js'
import { createAuthFetch, type AuthFetchParts, type AuthFetchSettings } from './createAuthFetch.js'
import type { AuthClient } from './AuthClient.js'

/** What the fetch feature brings to the client. */
export interface AuthFetchCode {
  /** Builds `auth.fetch` from the client's parts. */
  create(parts: AuthFetchParts): AuthClient['fetch']
}

/** Where `auth.fetch()` may send the access token, and which scopes it may ask the user for. */
export interface AuthFetchFeatureOptions {
  /**
   * API origins, besides the app's own, that get the access token: exact origins such as
   * `'https://api.example.com'` (scheme, host, and port when not the default; no path, no
   * wildcard). Each must be `https`, or `http` on a loopback host (`localhost`, `127.x.x.x`, `[::1]`).
   * Default: none, so only the app's own origin (`window.location.origin`) gets the token.
   * `auth.fetch()` to any other origin rejects with an AuthError `config` and sends nothing.
   */
  origins?: readonly string[]
  /**
   * Scopes that a 403 `insufficient_scope` challenge may make `auth.fetch()` ask the user for
   * (`login({ scope })`, by popup or redirect as the `stepUp` config says). Scopes the API names
   * that are not listed here are ignored; when none is left, the 403 is returned as it is.
   * Default: none, so step-up is off and every 403 comes back to the caller.
   */
  stepUpScopes?: readonly string[]
}

/**
 * `auth.fetch()`: `fetch` with the bearer token, for the app's own origin and the API `origins` it
 * lists only. A request to any other origin rejects with an AuthError `config` and is not sent: call
 * plain `fetch()` for servers that must not see the token.
 *
 * - On a 401 it renews the token and retries once. Renewals are rate-limited: one per access token
 *   (concurrent 401s share it, a 401 for an older token just retries with the current one, and a
 *   token that a 401 renewal produced never causes another), so an API that always answers 401
 *   costs at most one refresh grant per token lifetime.
 * - On a 403 `insufficient_scope` it asks the user for the missing scopes that `stepUpScopes` lists
 *   (by popup with the popup feature, else by redirect; see the `stepUp` config) and retries.
 *
 * Options (both checked here; a bad value throws an AuthError `config` that says how to fix it):
 * - `origins`: API origins besides the app's own that get the token. Default: none.
 * - `stepUpScopes`: scopes a 403 may ask the user for. Default: none (step-up off).
 *
 * @example
 * import { authFetch } from '@latchkey/core/fetch'
 * const auth = createAuthClient({
 *   authority,
 *   clientId,
 *   features: [authFetch({ origins: ['https://api.example.com'], stepUpScopes: ['orders:write'] })],
 * })
 * const response = await auth.fetch('https://api.example.com/orders')
 */
export function authFetch(options: AuthFetchFeatureOptions = {}): AuthFeature<'fetch'> {
  const settings: AuthFetchSettings = {
    origins: checkOrigins(options.origins),
    stepUpScopes: checkStepUpScopes(options.stepUpScopes),
  }
  return defineFeature('fetch', { create: (parts) => createAuthFetch(parts, settings) } satisfies AuthFetchCode)
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname)
}

function checkOrigins(origins: readonly string[] | undefined): readonly string[] {
  if (origins === undefined) return []
  if (!Array.isArray(origins)) {
    throw new AuthError('config', dev ? `authFetch({ origins }) takes a list of origins, such as origins: ['https://api.example.com'].` : 'authFetch origins')
  }
  return origins.map((origin: unknown) => {
    let url: URL | undefined
    try {
      url = typeof origin === 'string' ? new URL(origin) : undefined
    } catch {
      url = undefined
    }
    if (!url || typeof origin !== 'string' || url.origin === 'null' || url.hostname.includes('*') || url.origin !== origin.replace(/\/$/, '')) {
      throw new AuthError(
        'config',
        dev
          ? `authFetch({ origins }) lists ${JSON.stringify(origin)}, which is not an origin.${url && url.origin !== 'null' && !url.hostname.includes('*') ? ` Write its origin only: '${url.origin}'.` : ''} An origin is a scheme, a host and a port when not the default, such as 'https://api.example.com', with no path and no wildcard.`
          : 'authFetch origins',
      )
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
      throw new AuthError(
        'config',
        dev
          ? `authFetch({ origins }) lists ${JSON.stringify(origin)}: an access token goes over https only (http only to localhost, 127.0.0.1 or [::1]). Serve the API over https and list 'https://${url.host}'.`
          : 'authFetch origins',
      )
    }
    return url.origin
  })
}

function checkStepUpScopes(scopes: readonly string[] | undefined): readonly string[] {
  if (scopes === undefined) return []
  if (!Array.isArray(scopes)) {
    throw new AuthError('config', dev ? `authFetch({ stepUpScopes }) takes a list of scopes, such as stepUpScopes: ['orders:write'].` : 'authFetch stepUpScopes')
  }
  for (const scope of scopes as readonly unknown[]) {
    // RFC 6749 §3.3: a scope token is one or more printable ASCII characters, no space, " or \.
    if (typeof scope !== 'string' || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope)) {
      throw new AuthError(
        'config',
        dev
          ? `authFetch({ stepUpScopes }) lists ${JSON.stringify(scope)}, which is not one scope. List each scope as its own string, such as stepUpScopes: ['orders:write', 'orders:delete'].`
          : 'authFetch stepUpScopes',
      )
    }
  }
  return [...scopes]
}
