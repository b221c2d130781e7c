import { generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createDemoApi } from './createDemoApi.js'
import { startIdpAndApi, type IdpAndApi } from './test/startIdpAndApi.js'

const challengeWithoutError = 'Bearer realm="latchkey-demo", DPoP realm="latchkey-demo", algs="ES256"'
const invalidToken = (description: string) =>
  `Bearer realm="latchkey-demo", error="invalid_token", error_description="${description}"`

let clock = Date.now()
let stack: IdpAndApi
let accessToken: string

beforeAll(async () => {
  stack = await startIdpAndApi({ api: { now: () => clock } })
  ;({ accessToken } = await stack.signIn('orders:read'))
})
afterAll(() => stack.close())

async function expectRefusal(response: Response, status: number, challenge: string, error: string): Promise<void> {
  expect(response.status).toBe(status)
  expect(response.headers.get('WWW-Authenticate')).toBe(challenge)
  expect(response.headers.get('Cache-Control')).toBe('no-store')
  expect(await response.json()).toEqual({ error, error_description: expect.any(String) })
}

function tokenParts(token: string): [string, string, string] {
  const [header = '', payload = '', signature = ''] = token.split('.')
  return [header, payload, signature]
}

function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>
}

function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

describe('a request without a token', () => {
  it('answers 401 with a challenge that has no error attribute', async () => {
    await expectRefusal(await stack.call('/api/me'), 401, challengeWithoutError, 'missing_token')
  })

  it('treats another authentication scheme as no token', async () => {
    const response = await stack.call('/api/orders', { headers: { Authorization: 'Basic YWxpY2U6YWxpY2U=' } })
    await expectRefusal(response, 401, challengeWithoutError, 'missing_token')
  })
})

describe('a malformed Authorization header', () => {
  it('answers 400 invalid_request for "Bearer" with no token', async () => {
    const response = await stack.call('/api/me', { headers: { Authorization: 'Bearer ' } })
    expect(response.status).toBe(400)
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="latchkey-demo", error="invalid_request", error_description="[^"]+"$/)
    expect(await response.json()).toMatchObject({ error: 'invalid_request' })
  })

  it('answers 400 invalid_request for two tokens', async () => {
    const response = await stack.call('/api/me', { headers: { Authorization: `Bearer ${accessToken} ${accessToken}` } })
    expect(response.status).toBe(400)
  })
})

describe('an invalid token', () => {
  it('accepts the genuine token (the cases below differ from it in one way each)', async () => {
    expect((await stack.call('/api/orders', { token: accessToken })).status).toBe(200)
  })

  it('rejects a token whose claims were changed after signing', async () => {
    const [header, payload, signature] = tokenParts(accessToken)
    const forged = encodePart({ ...decodePart(payload), sub: 'admin' })
    const response = await stack.call('/api/orders', { token: `${header}.${forged}.${signature}` })
    await expectRefusal(
      response,
      401,
      invalidToken("The access token's signature does not verify with the identity provider's keys."),
      'invalid_token',
    )
  })

  it("rejects a token signed with a key that is not the IdP's", async () => {
    const { privateKey } = await generateKeyPair('RS256')
    const [header, payload] = tokenParts(accessToken)
    const { kid } = decodePart(header) as { kid: string }
    // Same kid, claims and header as a genuine token: only the signing key differs.
    const forged = await new SignJWT(decodePart(payload)).setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid }).sign(privateKey)
    await expectRefusal(
      await stack.call('/api/orders', { token: forged }),
      401,
      invalidToken("The access token's signature does not verify with the identity provider's keys."),
      'invalid_token',
    )
  })

  it('rejects an unsigned token (alg none)', async () => {
    const [, payload] = tokenParts(accessToken)
    const header = encodePart({ alg: 'none', typ: 'at+jwt' })
    await expectRefusal(
      await stack.call('/api/orders', { token: `${header}.${payload}.` }),
      401,
      invalidToken('The access token is signed with an algorithm this API does not accept (RS256, ES256).'),
      'invalid_token',
    )
  })

  it('rejects a token that is not a JWT', async () => {
    await expectRefusal(
      await stack.call('/api/orders', { token: 'not-a-jwt' }),
      401,
      invalidToken('The access token is not a well-formed signed JWT.'),
      'invalid_token',
    )
  })

  it('rejects an ID token, which is signed by the same IdP but is not an access token', async () => {
    const { idToken } = await stack.signIn('orders:read')
    await expectRefusal(
      await stack.call('/api/orders', { token: idToken }),
      401,
      invalidToken('The token is not a JWT access token: its typ header must be at+jwt.'),
      'invalid_token',
    )
  })

  it('rejects a token for another audience', async () => {
    const otherApi = await createDemoApi({ issuer: stack.idp.issuer, audience: 'urn:latchkey:other-api' })
    try {
      const response = await fetch(`${otherApi.url}/api/orders`, { headers: { Authorization: `Bearer ${accessToken}` } })
      await expectRefusal(
        response,
        401,
        invalidToken('The access token is not for this API: its audience must be urn:latchkey:other-api.'),
        'invalid_token',
      )
    } finally {
      await otherApi.close()
    }
  })

  it('rejects an expired token, allowing 5 seconds of clock skew', async () => {
    const { exp } = decodePart(tokenParts(accessToken)[1]) as { exp: number }
    try {
      clock = exp * 1000 + 4_000
      expect((await stack.call('/api/orders', { token: accessToken })).status).toBe(200)
      clock = exp * 1000 + 6_000
      await expectRefusal(
        await stack.call('/api/orders', { token: accessToken }),
        401,
        invalidToken('The access token expired.'),
        'invalid_token',
      )
    } finally {
      clock = Date.now()
    }
  })
})
