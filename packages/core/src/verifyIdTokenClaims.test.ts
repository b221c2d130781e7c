import { describe, expect, it } from 'vitest'
import { AuthError } from './AuthError.js'
import { verifyIdTokenClaims } from './verifyIdTokenClaims.js'

const now = 1_800_000_000
const valid = { iss: 'https://idp.example', aud: 'spa', sub: 'alice', exp: now + 300, iat: now }

function jwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${encode({ alg: 'RS256' })}.${encode(claims)}.signature`
}

function failureOf(claims: Record<string, unknown>): AuthError {
  try {
    verifyIdTokenClaims(jwt(claims), { issuer: 'https://idp.example', clientId: 'spa', now })
  } catch (err) {
    expect(err).toBeInstanceOf(AuthError)
    expect((err as AuthError).code).toBe('invalid_token')
    return err as AuthError
  }
  throw new Error('expected the ID token to be rejected')
}

describe('verifyIdTokenClaims', () => {
  it('accepts a token for this client from this issuer', () => {
    expect(verifyIdTokenClaims(jwt(valid), { issuer: 'https://idp.example', clientId: 'spa', now })['sub']).toBe('alice')
  })

  it('rejects a token from another issuer', () => {
    expect(failureOf({ ...valid, iss: 'https://other.example' }).message).toMatch(/"iss" check/)
  })

  it('rejects a token meant for another client', () => {
    expect(failureOf({ ...valid, aud: 'other' }).message).toMatch(/"aud" check/)
  })

  it('rejects several audiences without this client as authorized party', () => {
    expect(failureOf({ ...valid, aud: ['spa', 'other'] }).message).toMatch(/"azp" check/)
  })

  it('rejects an expired token', () => {
    expect(failureOf({ ...valid, exp: now - 3600 }).message).toMatch(/"exp" check/)
  })

  it('rejects a token issued in the future', () => {
    expect(failureOf({ ...valid, iat: now + 3600 }).message).toMatch(/"iat" check/)
  })

  it('rejects a token that is not a JWT', () => {
    expect(() => verifyIdTokenClaims('garbage', { issuer: 'https://idp.example', clientId: 'spa', now })).toThrow(AuthError)
  })
})
