import { describe, expect, it } from 'vitest'
import { parseBearerChallenge } from './parseBearerChallenge.js'

describe('parseBearerChallenge', () => {
  it('reads insufficient_scope with the scopes the API needs', () => {
    expect(parseBearerChallenge('Bearer realm="api", error="insufficient_scope", scope="orders:write orders:read"')).toEqual({
      scheme: 'Bearer',
      error: 'insufficient_scope',
      errorDescription: undefined,
      scope: ['orders:write', 'orders:read'],
    })
  })

  it('reads invalid_token with its description, escapes included', () => {
    expect(parseBearerChallenge('Bearer error="invalid_token", error_description="the \\"exp\\" claim passed"')).toMatchObject({
      error: 'invalid_token',
      errorDescription: 'the "exp" claim passed',
    })
  })

  it('treats a bare Bearer challenge as one without an error', () => {
    expect(parseBearerChallenge('Bearer realm="latchkey-demo"')).toEqual({ scheme: 'Bearer', error: undefined, errorDescription: undefined, scope: [] })
  })

  it('returns null without a Bearer challenge', () => {
    expect(parseBearerChallenge(null)).toBeNull()
    expect(parseBearerChallenge('Basic realm="x"')).toBeNull()
  })

  it('reads the DPoP scheme the same way (RFC 9449 §7.1)', () => {
    expect(parseBearerChallenge('DPoP algs="ES256", error="use_dpop_nonce", error_description="Authorization server requires nonce"')).toEqual({
      scheme: 'DPoP',
      error: 'use_dpop_nonce',
      errorDescription: 'Authorization server requires nonce',
      scope: [],
    })
  })

  it('keeps each challenge its own parameters when a header offers several', () => {
    const header = 'DPoP algs="ES256 PS256", Bearer realm="api", error="insufficient_scope", scope="orders:write"'
    expect(parseBearerChallenge(header, 'DPoP')).toEqual({ scheme: 'DPoP', error: undefined, errorDescription: undefined, scope: [] })
    expect(parseBearerChallenge(header, 'Bearer')).toMatchObject({ scheme: 'Bearer', error: 'insufficient_scope', scope: ['orders:write'] })
    expect(parseBearerChallenge('Basic realm="x", Bearer error="invalid_token"')).toMatchObject({ scheme: 'Bearer', error: 'invalid_token' })
    expect(parseBearerChallenge('Bearer realm="x"', 'DPoP')).toBeNull()
  })

  it('does not read a parameter whose quoted value holds a comma and a scheme name as a new challenge', () => {
    expect(parseBearerChallenge('Bearer error="invalid_token", error_description="expired, DPoP error=x"')).toMatchObject({
      error: 'invalid_token',
      errorDescription: 'expired, DPoP error=x',
    })
  })
})
