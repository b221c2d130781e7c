import { AuthError } from './AuthError.js'
import { dev } from './dev.js'
import { missingFeature } from './AuthFeature.js'
import type { Protocol } from './createProtocol.js'
import type { RefreshGate } from './createRefreshGate.js'
import type { RenewalSchedule } from './createRenewalSchedule.js'
import type { SessionHolder } from './createSessionHolder.js'
import type { SessionLifecycle } from './createSessionLifecycle.js'
import type { ResolvedConfig } from './resolveConfig.js'
import type { SilentRenewalCode } from './silentRenewal.js'
import { defaultMinValidityMs, usable, type Session } from './Session.js'
import { toAuthError } from './toAuthError.js'

export interface RenewalOptions {
  holder: SessionHolder
  gate: RefreshGate
  protocol: Protocol
  lifecycle: SessionLifecycle
  schedule: RenewalSchedule
  config: ResolvedConfig
  /** The silent renewal feature, when the app added it: renewal for sessions without a refresh token. */
  silent: SilentRenewalCode | undefined
}

function isTransient(error: AuthError): boolean {
  return error.code === 'network' || error.code === 'timeout'
}

/**
 * Renews the session: one renewal at a time in this tab, through the refresh gate (refresh token, or
 * the silent iframe without one). Returns the renew function; concurrent callers share one renewal.
 */
export function createRenewal({ holder, gate, protocol, lifecycle, schedule, config, silent }: RenewalOptions): () => Promise<Session> {
  let renewing: Promise<Session> | undefined

  /**
   * A transient failure keeps the session while its token is valid and retries with backoff; anything
   * else ends the session with the error kept, and nothing retries.
   */
  function failed(cause: AuthError): AuthError {
    if (isTransient(cause)) {
      const still = holder.current()
      const valid = usable(still)
      if (valid) lifecycle.dispatch({ type: 'degraded', session: valid, error: cause })
      else lifecycle.dispatch({ type: 'signed-out', error: cause })
      if (still && config.autoRenew) schedule.retryLater()
      return cause
    }
    const error =
      cause.code === 'login_required' || cause.code === 'refresh_failed'
        ? cause
        : new AuthError('refresh_failed', dev ? `Your session has ended and could not be renewed (${cause.message}). Please sign in again.` : '', {
            description: cause.description,
            cause,
          })
    lifecycle.end(null, error)
    return error
  }

  function renewWithoutRefreshToken(latest: Session): Promise<Session> {
    if (!silent) {
      throw missingFeature('silent-renewal', dev ? 'Renewing a session the IdP gave no refresh token (ask for the offline_access scope where it can)' : 'Renewing without a refresh token')
    }
    return silent.renew(protocol, config, latest)
  }

  async function renewOnce(): Promise<Session> {
    const seen = holder.current()
    if (!seen) throw new AuthError('login_required', dev ? 'Nobody is signed in: there is no session to renew.' : '')
    lifecycle.dispatch({ type: 'started', activity: 'refresh' })
    try {
      const session = await gate.use(
        async (latest) => {
          const renewed = latest.refreshToken ? await protocol.refresh(latest) : await renewWithoutRefreshToken(latest)
          return { session: renewed, value: renewed }
        },
        // Another tab renewed while this one waited for its turn: its new access token will do. (A
        // resource token's grant also moves the session on, but leaves its access token as it was.)
        (latest) => (latest.accessToken !== seen.accessToken && latest.expiresAt - Date.now() > defaultMinValidityMs(latest) ? latest : undefined),
      )
      lifecycle.show(session)
      return session
    } catch (err) {
      const error = toAuthError(err, 'Renewing the session failed')
      // A sign-out happened meanwhile: it already set the state, and stays final.
      if (lifecycle.hasEnded(seen.lineage)) throw error
      throw failed(error)
    }
  }

  return () => {
    renewing ??= renewOnce().finally(() => {
      renewing = undefined
    })
    return renewing
  }
}
