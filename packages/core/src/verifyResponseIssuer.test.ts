import { describe, expect, it } from 'vitest'
import { verifyResponseIssuer } from './verifyResponseIssuer.js'

const issuer = 'https://idp.example'

describe('verifyResponseIssuer (RFC 9207)', () => {
  it('refuses a response without iss from an IdP that announces it', () => {
    expect(() => verifyResponseIssuer('https://app.example/callback?code=c&state=s', issuer, true)).toThrow(expect.objectContaining({ code: 'invalid_token' }))
  })

  it('accepts a response without iss from an IdP that does not announce it', () => {
    expect(() => verifyResponseIssuer('https://app.example/callback?code=c&state=s', issuer, false)).not.toThrow()
  })

  it('refuses another iss without quoting it in the message', () => {
    const call = () => verifyResponseIssuer(`https://app.example/callback?code=c&state=s&iss=${encodeURIComponent('https://evil.example/Call-us-now')}`, issuer, false)
    expect(call).toThrow(expect.objectContaining({ code: 'invalid_token' }))
    expect(call).not.toThrow(/Call-us-now/)
  })
})
