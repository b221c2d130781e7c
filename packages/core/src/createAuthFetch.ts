import type { AuthClient, AuthFetchOptions, LoginMode } from './AuthClient.js'
import { parseBearerChallenge } from './parseBearerChallenge.js'
import { currentPath } from './createProtocol.js'

export interface AuthFetchParts {
  getAccessToken: AuthClient['getAccessToken']
  renew: AuthClient['renew']
  login: AuthClient['login']
  grantedScopes(): readonly string[]
  stepUp: LoginMode
}

/**
 * `fetch` with the bearer token: on a 401 it renews once and retries once; on a 403
 * `insufficient_scope` it asks the user for the missing scopes (RFC 6750 §3.1) and retries.
 */
export function createAuthFetch(parts: AuthFetchParts): AuthClient['fetch'] {
  return async (input, init, options: AuthFetchOptions = {}) => {
    const request = new Request(input, init)
    const send = async () => {
      const token = await parts.getAccessToken({
        ...(options.scope !== undefined && { scope: options.scope }),
        ...(options.resource !== undefined && { resource: options.resource }),
      })
      const attempt = request.clone()
      attempt.headers.set('Authorization', `Bearer ${token}`)
      return fetch(attempt)
    }
    const response = await send()
    if (response.status === 401) {
      // The token may have been revoked or rotated away: renew once and retry once, never more.
      await parts.renew()
      return send()
    }
    const challenge = parseBearerChallenge(response.headers.get('WWW-Authenticate'))
    if (response.status !== 403 || challenge?.error !== 'insufficient_scope') return response
    const missing = challenge.scope.filter((scope) => !parts.grantedScopes().includes(scope))
    if (missing.length === 0) return response
    // login() adds the scopes to what the session has.
    await parts.login({ mode: parts.stepUp, scope: missing.join(' '), returnTo: currentPath() })
    return parts.stepUp === 'redirect' ? response : send()
  }
}
