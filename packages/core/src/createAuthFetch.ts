import type { AuthClient, AuthFetchOptions, LoginMode } from './AuthClient.js'
import { AuthError } from './AuthError.js'
import { dev } from './dev.js'
import { parseBearerChallenge } from './parseBearerChallenge.js'
import { currentPath } from './createProtocol.js'

export interface AuthFetchParts {
  getAccessToken: AuthClient['getAccessToken']
  renew: AuthClient['renew']
  login: AuthClient['login']
  grantedScopes(): readonly string[]
  stepUp: LoginMode
  /** Sends `request` with `accessToken` in the scheme the token needs. Default: `Authorization: Bearer`. */
  send?(request: Request, accessToken: string): Promise<Response>
}

function sendWithBearer(request: Request, accessToken: string): Promise<Response> {
  request.headers.set('Authorization', `Bearer ${accessToken}`)
  return fetch(request)
}

/** The fetch feature's options, checked by `authFetch()`. */
export interface AuthFetchSettings {
  /** Origins besides the app's own that get the token, each already an exact origin. */
  readonly origins: readonly string[]
  /** The only scopes a 403 `insufficient_scope` may make it ask the user for. */
  readonly stepUpScopes: readonly string[]
}

/** How many tokens the 401 bookkeeping remembers; older ones are long expired. */
const rememberedTokens = 8

/** The origin of this page, or null where there is none (an opaque origin gets no token either). */
function appOrigin(): string | null {
  const origin = globalThis.location?.origin
  return origin && origin !== 'null' ? origin : null
}

/**
 * `fetch` with the bearer token, for the app's origin and `settings.origins` only. On a 401 it renews
 * at most once per access token and retries once; on a 403 `insufficient_scope` it asks the user for
 * the missing scopes that `settings.stepUpScopes` allows (RFC 6750 §3.1) and retries.
 */
export function createAuthFetch(parts: AuthFetchParts, settings: AuthFetchSettings): AuthClient['fetch'] {
  /**
   * Per access token: the renewal a 401 with it caused (shared by every request that got a 401 with
   * it, and never repeated), or `renewed` for a token that came out of such a renewal: a 401 with it
   * means renewing did not help, so it causes no renewal of its own.
   */
  const after401 = new Map<string, Promise<void> | 'renewed'>()
  const remember = (token: string, entry: Promise<void> | 'renewed') => {
    after401.delete(token)
    after401.set(token, entry)
    for (const oldest of after401.keys()) {
      if (after401.size <= rememberedTokens) break
      after401.delete(oldest)
    }
  }

  /** Resolves once a renewal for `token` has happened: this call's, or the one another call started. */
  const renewalFor = (token: string): Promise<void> | null => {
    const known = after401.get(token)
    if (known === 'renewed') return null
    if (known) return known
    const renewal: Promise<void> = parts.renew().catch((err: unknown) => {
      // A renewal that failed did not happen: a later 401 may try again (a refused refresh token
      // ends the session, so that is no loop).
      if (after401.get(token) === renewal) after401.delete(token)
      throw err
    })
    remember(token, renewal)
    return renewal
  }

  return async (input, init, options: AuthFetchOptions = {}) => {
    // Relative to the page, as a browser's fetch() reads it (Node's, under tests and SSR, would throw).
    const base = globalThis.document?.baseURI ?? globalThis.location?.href
    const request = new Request(typeof input === 'string' || input instanceof URL ? new URL(input, base) : input, init)
    const origin = new URL(request.url).origin
    const own = appOrigin()
    if (origin !== own && !settings.origins.includes(origin)) {
      // Rejected rather than sent without the token: a call that silently lost its credentials would
      // fail later and further from the cause, and one that kept them would leak the token.
      throw new AuthError(
        'config',
        dev
          ? `auth.fetch() sends the access token only to this app's origin (${own ?? 'none'}) and the API origins the fetch feature allows, and ${origin} is neither. If it is your API, allow it: authFetch({ origins: ['${origin}'] }). For any other server, call fetch() itself.`
          : `auth.fetch() to ${origin}`,
      )
    }
    const tokenOptions = {
      ...(options.scope !== undefined && { scope: options.scope }),
      ...(options.resource !== undefined && { resource: options.resource }),
    }
    const send = (token: string) => (parts.send ?? sendWithBearer)(request.clone(), token)

    const token = await parts.getAccessToken(tokenOptions)
    const response = await send(token)
    if (response.status === 401) {
      // The token may have been revoked or rotated away: retry once with a newer token. Renew for it
      // only when no newer one is there yet, and at most once per token, so that an API that always
      // answers 401 cannot drive a refresh grant per call.
      let current = await parts.getAccessToken(tokenOptions)
      if (current === token) {
        const renewal = renewalFor(token)
        if (!renewal) return response
        await renewal
        current = await parts.getAccessToken(tokenOptions)
        if (current === token) return response
        if (!after401.has(current)) remember(current, 'renewed')
      }
      return send(current)
    }
    const challenge = parseBearerChallenge(response.headers.get('WWW-Authenticate'))
    if (response.status !== 403 || challenge?.error !== 'insufficient_scope') return response
    // The API names the scopes, but only those the app allows are asked for: any server's 403 must
    // not choose what the user is asked to grant.
    const granted = parts.grantedScopes()
    const missing = challenge.scope.filter((scope) => settings.stepUpScopes.includes(scope) && !granted.includes(scope))
    if (missing.length === 0) return response
    // login() adds the scopes to what the session has.
    await parts.login({ mode: parts.stepUp, scope: [...new Set(missing)].join(' '), returnTo: currentPath() })
    return parts.stepUp === 'redirect' ? response : send(await parts.getAccessToken(tokenOptions))
  }
}
