import { describe, expect, it } from 'vitest'

import { formatBearerChallenge } from './formatBearerChallenge.js'

describe('formatBearerChallenge', () => {
  it('has only the realm when the request carried no token', () => {
    expect(formatBearerChallenge('latchkey-demo')).toBe('Bearer realm="latchkey-demo"')
  })

  it('lists error, error_description and scope in that order', () => {
    expect(formatBearerChallenge('r', { error: 'insufficient_scope', errorDescription: 'more', scope: 'a b' })).toBe(
      'Bearer realm="r", error="insufficient_scope", error_description="more", scope="a b"',
    )
  })

  it('keeps an error_description to the characters RFC 6750 allows in it', () => {
    expect(formatBearerChallenge('r', { error: 'invalid_token', errorDescription: 'bad "aud" \\ é\n' })).toBe(
      `Bearer realm="r", error="invalid_token", error_description="bad 'aud' ? ??"`,
    )
  })
})

describe('formatBearerChallenge for DPoP', () => {
  it('names the DPoP scheme and the algorithm proofs must use', () => {
    expect(formatBearerChallenge('r', { scheme: 'DPoP', error: 'invalid_dpop_proof', errorDescription: 'replayed' })).toBe(
      'DPoP realm="r", algs="ES256", error="invalid_dpop_proof", error_description="replayed"',
    )
  })
})
