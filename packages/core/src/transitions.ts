import type { AuthError } from './AuthError.js'
import type { AuthState, PendingActivity } from './AuthState.js'
import { toUser, type Session } from './Session.js'

/** Everything that can happen to the visible auth state. */
export type AuthEvent =
  /** An activity starts; a sign-in or sign-out starts over without the last error. */
  | { readonly type: 'started'; readonly activity: PendingActivity }
  /** `session` is now the current one (sign-in, renewal, restore, another tab). */
  | { readonly type: 'session'; readonly session: Session }
  /** Renewal failed for now, but the session still holds a valid token. */
  | { readonly type: 'degraded'; readonly session: Session; readonly error: AuthError }
  /** No session any more, or none to begin with. */
  | { readonly type: 'signed-out'; readonly error?: AuthError | null; readonly activity?: PendingActivity | null }
  /** An activity failed without changing who is signed in. */
  | { readonly type: 'failed'; readonly error: AuthError }
  /** An activity ended and changed nothing. */
  | { readonly type: 'settled' }

function sameUser(state: AuthState, session: Session): boolean {
  const user = state.user
  return (
    user !== null &&
    user.expiresAt === session.expiresAt &&
    user.scopes.join(' ') === session.scopes.join(' ') &&
    JSON.stringify(user.profile) === JSON.stringify(session.profile)
  )
}

function authenticated(state: AuthState, session: Session, error: AuthError | null): AuthState {
  // The same user object while nothing in it changed, so a selector of `user` does not re-render.
  const user = state.user && sameUser(state, session) ? state.user : toUser(session)
  return { status: 'authenticated', user, error, pending: null }
}

function next(state: AuthState, event: AuthEvent): AuthState {
  switch (event.type) {
    case 'started':
      return { ...state, pending: event.activity, error: event.activity === 'refresh' || event.activity === 'callback' ? state.error : null }
    case 'session':
      return authenticated(state, event.session, null)
    case 'degraded':
      return authenticated(state, event.session, event.error)
    case 'signed-out':
      return { status: 'anonymous', user: null, error: event.error ?? null, pending: event.activity ?? null }
    case 'failed':
      return { ...state, pending: null, error: event.error }
    case 'settled':
      return state.pending === null ? state : { ...state, pending: null }
  }
}

/**
 * The one place AuthState changes: pure, and it returns `state` itself when nothing changed, so
 * listeners hear only real changes.
 */
export function transition(state: AuthState, event: AuthEvent): AuthState {
  const candidate = next(state, event)
  const unchanged = (Object.keys(candidate) as (keyof AuthState)[]).every((key) => Object.is(candidate[key], state[key]))
  return unchanged ? state : Object.freeze(candidate)
}
