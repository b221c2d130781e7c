import { renewalLead } from './renewalDelay.js'
import type { AuthUser, UserProfile } from './AuthState.js'

/** What a sign-in leaves behind. Kept out of AuthState so tokens never reach rendering code. */
export interface Session {
  readonly accessToken: string
  readonly tokenType: string
  readonly idToken: string | undefined
  readonly refreshToken: string | undefined
  /** When the access token was obtained, in milliseconds since the epoch. */
  readonly issuedAt: number
  /** Milliseconds since the epoch. */
  readonly expiresAt: number
  readonly scopes: readonly string[]
  readonly profile: UserProfile
  /**
   * One id per sign-in (per grant at the IdP): every renewal of that grant keeps it. Tabs compare
   * lineages to tell a newer sign-in from a renewal of the same one.
   */
  readonly lineage: string
  /** Counts the refresh-token uses of this lineage: the highest version holds the only live refresh token. */
  readonly version: number
}

export function isSession(value: unknown): value is Session {
  if (value === null || typeof value !== 'object') return false
  const candidate = value as Partial<Session>
  return (
    typeof candidate.accessToken === 'string' &&
    typeof candidate.expiresAt === 'number' &&
    typeof candidate.issuedAt === 'number' &&
    typeof candidate.lineage === 'string' &&
    typeof candidate.version === 'number' &&
    Array.isArray(candidate.scopes) &&
    typeof candidate.profile === 'object' &&
    candidate.profile !== null &&
    typeof candidate.profile.sub === 'string'
  )
}

/** A renewal of `current`, or a newer sign-in: either way the session other tabs should take. */
export function isNewerSession(candidate: Session, current: Session | null): boolean {
  if (!current) return true
  if (candidate.lineage !== current.lineage) return candidate.issuedAt >= current.issuedAt
  return candidate.version > current.version
}

export function toUser(session: Session): AuthUser {
  return Object.freeze({ profile: session.profile, scopes: session.scopes, expiresAt: session.expiresAt })
}

export function scopesOf(scope: string | undefined): string[] {
  return (scope ?? '').split(' ').filter(Boolean)
}

/**
 * How long a token must still be valid to be handed out without renewing first: the renewal
 * schedule's own lead, so a call never renews earlier than the schedule would.
 */
export function defaultMinValidityMs(session: Session): number {
  return renewalLead(session.issuedAt, session.expiresAt)
}

/** The session when its access token is still valid, else null. */
export function usable(session: Session | null, now = Date.now()): Session | null {
  return session !== null && session.expiresAt > now ? session : null
}
