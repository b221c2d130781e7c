import type { AuthError } from './AuthError.js'

export type AuthStatus = 'loading' | 'anonymous' | 'authenticated'

/** What is under way, so a UI can say so. */
export type PendingActivity = 'callback' | 'login' | 'logout' | 'refresh'

/** Claims about the signed-in user, as the ID token gave them. */
export interface UserProfile {
  readonly sub: string
  readonly name?: string
  readonly given_name?: string
  readonly family_name?: string
  readonly preferred_username?: string
  readonly email?: string
  readonly email_verified?: boolean
  readonly roles?: readonly string[]
  readonly [claim: string]: unknown
}

/** The signed-in user. Raw tokens are deliberately absent: ask `getAccessToken()` for one. */
export interface AuthUser {
  readonly profile: UserProfile
  /** Scopes the identity provider granted, which may be fewer than those requested. */
  readonly scopes: readonly string[]
  /** When the access token expires, in milliseconds since the epoch. */
  readonly expiresAt: number
}

/** An immutable snapshot: the same object until something changes, so it is safe to compare by identity. */
export interface AuthState {
  readonly status: AuthStatus
  readonly user: AuthUser | null
  readonly error: AuthError | null
  readonly pending: PendingActivity | null
}

export const initialAuthState: AuthState = Object.freeze({
  status: 'loading',
  user: null,
  error: null,
  pending: null,
})

export function isAuthenticated(state: AuthState): boolean {
  return state.status === 'authenticated'
}

export function isLoading(state: AuthState): boolean {
  return state.status === 'loading'
}

export function selectUser(state: AuthState): AuthUser | null {
  return state.user
}

export function selectError(state: AuthState): AuthState['error'] {
  return state.error
}

export function hasRole(state: AuthState, role: string): boolean {
  return state.user?.profile.roles?.includes(role) ?? false
}
