import type { AccessTokenOptions } from './AuthClient.js'
import { AuthError } from './AuthError.js'
import { dev } from './dev.js'
import type { SessionHolder } from './createSessionHolder.js'
import type { RefreshGate } from './createRefreshGate.js'
import type { Protocol } from './createProtocol.js'
import { defaultMinValidityMs, scopesOf, type Session } from './Session.js'
import { toAuthError } from './toAuthError.js'

interface CachedToken {
  readonly accessToken: string
  readonly expiresAt: number
}

export interface AccessTokens {
  get(options?: AccessTokenOptions): Promise<string>
  /** The session's token without I/O, or null when there is none or it has expired. */
  peek(): string | null
  /** Forgets the tokens for other resources (sign-out). */
  clear(): void
}

export interface AccessTokensOptions {
  holder: SessionHolder
  gate: RefreshGate
  protocol: Protocol
  /** Renews the session; concurrent callers share one renewal. */
  renew(): Promise<Session>
}

/**
 * Access tokens for the session's own API and for others (RFC 8707 `resource`): cached until close to
 * expiry, one request at a time per resource, and every refresh grant through the refresh gate.
 */
export function createAccessTokens({ holder, gate, protocol, renew }: AccessTokensOptions): AccessTokens {
  const byResource = new Map<string, CachedToken>()
  const inFlight = new Map<string, Promise<string>>()

  const forResource = (resource: string, minValidityMs: number): Promise<string> => {
    const cached = byResource.get(resource)
    if (cached && cached.expiresAt - Date.now() > minValidityMs) return Promise.resolve(cached.accessToken)
    let request = inFlight.get(resource)
    if (!request) {
      request = gate
        .use(async (latest) => {
          if (!latest.refreshToken) {
            throw new AuthError('config', dev ? `A token for "${resource}" needs a refresh token: request the offline_access scope.` : '')
          }
          const issued = await protocol.refresh(latest, resource)
          // The grant rotated the session's refresh token; its own access token stays as it was.
          return { session: { ...latest, refreshToken: issued.refreshToken, version: issued.version }, value: issued }
        })
        .then((issued) => {
          byResource.set(resource, { accessToken: issued.accessToken, expiresAt: issued.expiresAt })
          return issued.accessToken
        })
        .catch((err: unknown) => {
          throw toAuthError(err, `Getting a token for ${resource} failed`)
        })
        .finally(() => inFlight.delete(resource))
      inFlight.set(resource, request)
    }
    return request
  }

  return {
    async get(options = {}) {
      let session = holder.current()
      if (!session) throw new AuthError('login_required', dev ? 'Nobody is signed in: call login() before asking for an access token.' : '')
      const missing = scopesOf(options.scope).filter((scope) => !session?.scopes.includes(scope))
      if (missing.length > 0) {
        throw new AuthError(
          'insufficient_scope',
          dev ? `The session was not granted ${missing.join(' ')}. Ask the user with login({ scope: '${missing.join(' ')}' }).` : '',
          { cause: { missing } },
        )
      }
      const minValidityMs = options.minValidity !== undefined ? options.minValidity * 1000 : defaultMinValidityMs(session)
      if (session.expiresAt - Date.now() <= minValidityMs) session = await renew()
      return options.resource === undefined ? session.accessToken : forResource(options.resource, minValidityMs)
    },
    peek() {
      const session = holder.current()
      return session && session.expiresAt > Date.now() ? session.accessToken : null
    },
    clear: () => byResource.clear(),
  }
}
