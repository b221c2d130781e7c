import type { AuthError } from './AuthError.js'

/** Where the session stands: `loading` until `start()` has settled, then `anonymous` or `authenticated`. */
export type AuthStatus = 'loading' | 'anonymous' | 'authenticated'

/** What is under way, so a UI can say so. */
export type PendingActivity = 'callback' | 'login' | 'logout' | 'refresh'

/** Claims about the signed-in user, as the ID token gave them. */
export interface UserProfile {
  /** The user's identifier at the IdP (`sub`): stable, and unique for that IdP. */
  readonly sub: string
  /** Full name (OpenID Connect Core §5.1). */
  readonly name?: string
  /** Given or first name. */
  readonly given_name?: string
  /** Surname or last name. */
  readonly family_name?: string
  /** The name the user likes to be called by; not unique and not stable. */
  readonly preferred_username?: string
  /** Email address. */
  readonly email?: string
  /** True when the IdP checked that the user controls `email`. */
  readonly email_verified?: boolean
  /** Roles, when the IdP puts a `roles` claim in the ID token (not a standard claim). */
  readonly roles?: readonly string[]
  readonly [claim: string]: unknown
}

/** The signed-in user. Raw tokens are deliberately absent: ask `getAccessToken()` for one. */
export interface AuthUser {
  /** Claims about the user, from the ID token (and from userinfo with `loadUserInfo`). */
  readonly profile: UserProfile
  /** Scopes the identity provider granted, which may be fewer than those requested. */
  readonly scopes: readonly string[]
  /** When the access token expires, in milliseconds since the epoch. */
  readonly expiresAt: number
}

/** An immutable snapshot: the same object until something changes, so it is safe to compare by identity. */
export interface AuthState {
  /** `loading`, `anonymous` or `authenticated`. */
  readonly status: AuthStatus
  /** The signed-in user, or null. */
  readonly user: AuthUser | null
  /** The last error, or null. A new sign-in or sign-out starts without it. */
  readonly error: AuthError | null
  /** What is under way (`callback`, `login`, `logout`, `refresh`), or null. */
  readonly pending: PendingActivity | null
}

export const initialAuthState: AuthState = Object.freeze({
  status: 'loading',
  user: null,
  error: null,
  pending: null,
})

/**
 * True when a user is signed in. A selector: `useAuth(isAuthenticated)`.
 *
 * @example
 * if (!isAuthenticated(auth.getState())) await auth.login()
 */
export function isAuthenticated(state: AuthState): boolean {
  return state.status === 'authenticated'
}

/** True until `start()` has settled. A selector: `useAuth(isLoading)`. */
export function isLoading(state: AuthState): boolean {
  return state.status === 'loading'
}

/** The signed-in user, or null. A selector: `useAuth(selectUser)`. */
export function selectUser(state: AuthState): AuthUser | null {
  return state.user
}

/** The last error, or null. A selector: `useAuth(selectError)`. */
export function selectError(state: AuthState): AuthState['error'] {
  return state.error
}

/**
 * True when the user's `roles` claim includes `role`.
 *
 * @example
 * const isAdmin = useAuth((state) => hasRole(state, 'admin'))
 */
export function hasRole(state: AuthState, role: string): boolean {
  return state.user?.profile.roles?.includes(role) ?? false
}
