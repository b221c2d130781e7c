import { describe, expect, it } from 'vitest'
import { AuthError } from './AuthError.js'
import { verifyIdTokenClaims } from './verifyIdTokenClaims.js'

const now = 1_800_000_000
const valid = { iss: 'https://idp.example', aud: 'spa', sub: 'alice', exp: now + 300, iat: now }

function jwt(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256' }): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${encode(header)}.${encode(claims)}.signature`
}

function failureOf(claims: Record<string, unknown>, options: { header?: Record<string, unknown>; maxAge?: number; algorithms?: string[]; nonce?: string } = {}): AuthError {
  try {
    verifyIdTokenClaims(jwt(claims, options.header), {
      issuer: 'https://idp.example',
      clientId: 'spa',
      now,
      ...(options.maxAge !== undefined && { maxAge: options.maxAge }),
      ...(options.algorithms && { algorithms: options.algorithms }),
      ...(options.nonce !== undefined && { nonce: options.nonce }),
    })
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

  it('rejects a token that does not carry the nonce its sign-in sent, or carries none', () => {
    expect(failureOf({ ...valid, nonce: 'from-another-sign-in' }, { nonce: 'sent' }).message).toMatch(/"nonce" check/)
    expect(failureOf(valid, { nonce: 'sent' }).message).toMatch(/"nonce" check/)
    expect(verifyIdTokenClaims(jwt({ ...valid, nonce: 'sent' }), { issuer: 'https://idp.example', clientId: 'spa', now, nonce: 'sent' })['nonce']).toBe('sent')
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

  it('rejects alg none, whatever the IdP announces', () => {
    expect(failureOf(valid, { header: { alg: 'none' }, algorithms: ['RS256', 'none'] }).message).toMatch(/"alg" check/)
  })

  it('rejects an alg the IdP does not announce', () => {
    expect(failureOf(valid, { header: { alg: 'HS256' } }).message).toMatch(/"alg" check.*RS256/)
    expect(verifyIdTokenClaims(jwt(valid, { alg: 'ES256' }), { issuer: 'https://idp.example', clientId: 'spa', now, algorithms: ['ES256'] })['sub']).toBe('alice')
  })

  it('rejects an azp that names another client, even with a single audience', () => {
    expect(failureOf({ ...valid, azp: 'other' }).message).toMatch(/"azp" check/)
  })

  it('says an iat is missing rather than in the future', () => {
    const { iat: _iat, ...withoutIat } = valid
    expect(failureOf(withoutIat).message).toMatch(/"iat" check: it has no issue time/)
  })

  it('names the device clock when the times are off', () => {
    expect(failureOf({ ...valid, iat: now + 3600, exp: now + 7200 }).message).toMatch(/device's clock/)
  })

  it('requires a recent enough auth_time when the sign-in asked for max_age', () => {
    expect(failureOf(valid, { maxAge: 60 }).message).toMatch(/"auth_time" check: .*no auth_time/)
    expect(failureOf({ ...valid, auth_time: now - 3600 }, { maxAge: 60 }).message).toMatch(/"auth_time" check: .*longer ago/)
    expect(verifyIdTokenClaims(jwt({ ...valid, auth_time: now - 30 }), { issuer: 'https://idp.example', clientId: 'spa', now, maxAge: 60 })['sub']).toBe('alice')
  })
})
