import { AuthError } from '../AuthError.js'
import type { Session } from '../Session.js'
import { createDeferred } from './createDeferred.js'

export interface RefreshRequest {
  readonly refreshToken: string | undefined
  readonly isAnswered: boolean
  /** Lets the IdP answer: the next session, or `invalid_grant` for a refresh token already used. */
  answer(): void
  /** The request fails the way the network or the IdP makes it fail. */
  fail(error: unknown): void
}

/**
 * The token endpoint's side of refresh-token rotation: each lineage has one live refresh token, a
 * refresh spends it and issues the next version, and a spent one gets `invalid_grant`. With
 * `manual`, every request waits until the test answers it, so it can be held in flight.
 */
export function createRotatingIdp({ manual = false } = {}) {
  const live = new Map<string, string | undefined>()
  const requests: RefreshRequest[] = []
  let inFlight = 0
  let maxInFlight = 0

  return {
    /** A sign-in: `session`'s refresh token is the live one of its lineage. */
    signIn(session: Session): Session {
      live.set(session.lineage, session.refreshToken)
      return session
    },
    async refresh(session: Session): Promise<Session> {
      const turn = createDeferred<void>()
      let isAnswered = !manual
      const settle = (how: () => void) => {
        isAnswered = true
        how()
      }
      requests.push({
        refreshToken: session.refreshToken,
        get isAnswered() {
          return isAnswered
        },
        answer: () => settle(() => turn.resolve()),
        fail: (error) => settle(() => turn.reject(error)),
      })
      inFlight += 1
      maxInFlight = Math.max(maxInFlight, inFlight)
      try {
        if (manual) await turn.promise
        if (live.get(session.lineage) !== session.refreshToken) {
          throw new AuthError('invalid_grant', 'The refresh token was already used.')
        }
        const version = session.version + 1
        const next = { ...session, version, accessToken: `access-${version}`, refreshToken: `refresh-${version}`, issuedAt: Date.now() }
        live.set(session.lineage, next.refreshToken)
        return next
      } finally {
        inFlight -= 1
      }
    },
    /** Every refresh token sent, in order. */
    get sentTokens(): (string | undefined)[] {
      return requests.map((request) => request.refreshToken)
    },
    /** The requests still waiting for an answer (with `manual`). */
    get waiting(): RefreshRequest[] {
      return requests.filter((request) => !request.isAnswered)
    },
    /** The most requests that were ever in flight at once. */
    get maxInFlight(): number {
      return maxInFlight
    },
  }
}
