import { describe, expect, it } from 'vitest'
import { parseBearerChallenge } from './parseBearerChallenge.js'

describe('parseBearerChallenge', () => {
  it('reads insufficient_scope with the scopes the API needs', () => {
    expect(parseBearerChallenge('Bearer realm="api", error="insufficient_scope", scope="orders:write orders:read"')).toEqual({
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
    expect(parseBearerChallenge('Bearer realm="latchkey-demo"')).toEqual({ error: undefined, errorDescription: undefined, scope: [] })
  })

  it('returns null without a Bearer challenge', () => {
    expect(parseBearerChallenge(null)).toBeNull()
    expect(parseBearerChallenge('Basic realm="x"')).toBeNull()
  })
})
