import { describe, expect, it } from 'vitest'
import { AuthError } from './AuthError.js'
import { initialAuthState, type AuthState } from './AuthState.js'
import { createTestSession } from './test/testSession.js'
import { transition } from './transitions.js'

const session = createTestSession({ issuedAt: 1_000 })
const networkError = new AuthError('network', 'could not reach the identity provider')
const signedIn = transition(initialAuthState, { type: 'session', session })
const anonymous = transition(initialAuthState, { type: 'signed-out' })

describe('transition', () => {
  it('shows a signed-in user from a session, without its tokens', () => {
    expect(signedIn).toEqual({
      status: 'authenticated',
      user: { profile: session.profile, scopes: session.scopes, expiresAt: session.expiresAt },
      error: null,
      pending: null,
    })
    expect(JSON.stringify(signedIn)).not.toContain(session.accessToken)
  })

  it('hands out frozen states', () => {
    expect(Object.isFrozen(signedIn)).toBe(true)
    expect(Object.isFrozen(signedIn.user)).toBe(true)
  })

  it('returns the same state object when an event changes nothing', () => {
    expect(transition(signedIn, { type: 'session', session })).toBe(signedIn)
    expect(transition(signedIn, { type: 'settled' })).toBe(signedIn)
    expect(transition(anonymous, { type: 'signed-out' })).toBe(anonymous)
    const refreshing = transition(signedIn, { type: 'started', activity: 'refresh' })
    expect(transition(refreshing, { type: 'started', activity: 'refresh' })).toBe(refreshing)
  })

  it('keeps the same user object when a renewal changes only the tokens', () => {
    const renewed = { ...session, accessToken: 'access-1', refreshToken: 'refresh-1', version: 1, profile: { ...session.profile } }
    const refreshing = transition(signedIn, { type: 'started', activity: 'refresh' })
    const after = transition(refreshing, { type: 'session', session: renewed })
    expect(after).not.toBe(refreshing)
    expect(after.user).toBe(signedIn.user)
    expect(after.pending).toBeNull()
  })

  it.each([
    ['the expiry', { expiresAt: session.expiresAt + 60_000 }],
    ['the scopes', { scopes: ['openid'] }],
    ['the profile', { profile: { sub: 'alice', name: 'Alice Liddell' } }],
  ])('gives a new user object when %s changed', (_, change) => {
    const after = transition(signedIn, { type: 'session', session: { ...session, ...change } })
    expect(after.user).not.toBe(signedIn.user)
    expect(after.user).toMatchObject(change)
  })

  it('keeps the user and shows the error when renewal failed for now', () => {
    const degraded = transition(signedIn, { type: 'degraded', session, error: networkError })
    expect(degraded).toMatchObject({ status: 'authenticated', error: networkError, pending: null })
    expect(degraded.user).toBe(signedIn.user)
  })

  it('clears the error once a session arrives', () => {
    const degraded = transition(signedIn, { type: 'degraded', session, error: networkError })
    const recovered = transition(degraded, { type: 'session', session })
    expect(recovered.error).toBeNull()
    expect(recovered.user).toBe(signedIn.user)
  })

  it.each(['login', 'logout'] as const)('starts a %s without the last error', (activity) => {
    const failed = transition(anonymous, { type: 'failed', error: networkError })
    expect(transition(failed, { type: 'started', activity })).toMatchObject({ pending: activity, error: null })
  })

  it.each(['refresh', 'callback'] as const)('keeps the last error while a %s is under way', (activity) => {
    const degraded = transition(signedIn, { type: 'degraded', session, error: networkError })
    expect(transition(degraded, { type: 'started', activity })).toMatchObject({ status: 'authenticated', pending: activity, error: networkError })
  })

  it('signs out to anonymous, keeping the error and activity given', () => {
    const expired = new AuthError('invalid_grant', 'session ended')
    expect(transition(signedIn, { type: 'signed-out', error: expired })).toEqual({ status: 'anonymous', user: null, error: expired, pending: null })
    expect(transition(signedIn, { type: 'signed-out', activity: 'logout' })).toEqual({ status: 'anonymous', user: null, error: null, pending: 'logout' })
  })

  it('keeps who is signed in when an activity fails', () => {
    const loggingIn: AuthState = transition(signedIn, { type: 'started', activity: 'login' })
    const failed = transition(loggingIn, { type: 'failed', error: networkError })
    expect(failed).toMatchObject({ status: 'authenticated', error: networkError, pending: null })
    expect(failed.user).toBe(signedIn.user)
  })

  it('ends the pending activity when it settles without a change', () => {
    const loggingOut = transition(signedIn, { type: 'started', activity: 'logout' })
    const settled = transition(loggingOut, { type: 'settled' })
    expect(settled).toEqual(signedIn)
    expect(settled.user).toBe(signedIn.user)
  })
})
