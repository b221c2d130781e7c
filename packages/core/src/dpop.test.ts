import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, type JWK } from 'jose'
import { describe, expect, it, vi } from 'vitest'
import type { AuthClientConfig } from './AuthClientConfig.js'
import { authFetch } from './authFetch.js'
import { createAuthClient } from './createAuthClient.js'
import { dpop } from './dpop.js'
import { followLogin, loadApp, testConfig, testIdp as idp } from './test/signInThroughIdp.js'

const api = 'https://api.example.com'

/** One dpop() for the whole test: its keys outlive page loads, as IndexedDB's do. */
function dpopApp() {
  const features = [dpop(), authFetch({ origins: [api] })]
  return (config: Partial<AuthClientConfig> = {}) => loadApp({ features, ...config })
}

async function signIn(load = dpopApp()) {
  const first = load()
  await first.client.start()
  await first.client.login({ returnTo: '/' })
  const authorizationUrl = new URL(first.navigate.mock.calls.at(-1)?.[0] ?? '')
  await followLogin(first.navigate)
  const app = load()
  await app.client.start()
  return { ...app, load, authorizationUrl }
}

function storedSession(): { accessToken: string; refreshToken: string; tokenType: string } {
  const key = Object.keys(window.sessionStorage).find((name) => name.endsWith(':session'))
  return JSON.parse(window.sessionStorage.getItem(key ?? '') ?? 'null') as { accessToken: string; refreshToken: string; tokenType: string }
}

async function sha256Base64Url(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  return btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Stands in for the API; requests to the IdP go through. `answer` may look at each request. */
function interceptApi(answer: (request: Request, attempt: number) => Response) {
  const realFetch = globalThis.fetch
  const seen: Request[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    // A Request's body can be read once: the copy is what this test looks at.
    const request = new Request(input instanceof Request ? input.clone() : input, init)
    if (new URL(request.url).origin !== api) return realFetch(input, init)
    seen.push(request)
    return answer(request, seen.length)
  })
  return seen
}

/** Lets `change` rewrite the IdP's answers to requests whose path ends with `path`. */
function rewriteIdp(path: string, change: (response: Response) => Promise<Response>) {
  const realFetch = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    const response = await realFetch(input, init)
    return new URL(url).pathname.endsWith(path) ? change(response) : response
  })
}

describe('DPoP, with the dpop feature', () => {
  it('binds the code and the tokens to one key, with a proof on the code grant', async () => {
    const { client, authorizationUrl } = await signIn()
    expect(client.getState().status).toBe('authenticated')
    const session = storedSession()
    expect(session.tokenType).toBe('DPoP')
    const jkt = authorizationUrl.searchParams.get('dpop_jkt')
    expect(jkt).toEqual(expect.any(String))
    expect(decodeJwt(session.accessToken)['cnf']).toEqual({ jkt })
    expect((await idp.journal()).filter((entry) => entry.grantType === 'authorization_code')).toEqual([expect.objectContaining({ status: 200, dpop: true })])
  })

  it('renews with a proof, and the refresh token is useless without the key', async () => {
    const { client } = await signIn()
    const stolen = storedSession().refreshToken
    await client.renew()
    expect((await idp.journal()).filter((entry) => entry.grantType === 'refresh_token')).toEqual([expect.objectContaining({ status: 200, dpop: true })])

    // The rotated token, used by whoever copied it, without a proof of the key.
    const current = storedSession().refreshToken
    expect(current).not.toBe(stolen)
    const replay = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: current, client_id: 'spa' }),
    })
    expect(replay.status).toBe(400)
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant')
  })

  it('retries a token request once with the nonce the IdP asks for', async () => {
    await idp.configure({ requireDpopNonce: true })
    const { client } = await signIn()
    expect(client.getState().status).toBe('authenticated')
    await client.renew()
    const tokenRequests = (await idp.journal()).filter((entry) => entry.path === '/token')
    expect(tokenRequests.map((entry) => [entry.grantType, entry.status, entry.error])).toEqual([
      ['authorization_code', 400, 'use_dpop_nonce'],
      ['authorization_code', 200, undefined],
      // The nonce is kept with the key, so the renewal needs no second round trip.
      ['refresh_token', 200, undefined],
    ])
  })

  it('keeps invalid_grant as it is when the IdP sends a new nonce with it, and ends the session', async () => {
    const { client } = await signIn()
    rewriteIdp('/token', async () =>
      new Response(JSON.stringify({ error: 'invalid_grant', error_description: 'grant revoked' }), {
        status: 400,
        headers: { 'Content-Type': 'application/json', 'DPoP-Nonce': crypto.randomUUID() },
      }),
    )
    await expect(client.renew()).rejects.toMatchObject({ code: 'refresh_failed', message: expect.stringContaining('answered invalid_grant (grant revoked)') })
    expect(client.getState().status).toBe('anonymous')
    expect(storedSession()).toBeNull()
  })

  it('sends auth.fetch requests as DPoP, with a fresh proof for each request and token', async () => {
    const { client } = await signIn()
    const seen = interceptApi(() => new Response('[]'))
    await client.fetch(`${api}/orders?page=2#top`)
    await client.fetch(`${api}/orders`, { method: 'POST', body: '{}' })
    const { accessToken } = storedSession()
    expect(seen.map((request) => request.headers.get('Authorization'))).toEqual([`DPoP ${accessToken}`, `DPoP ${accessToken}`])
    const proofs = seen.map((request) => request.headers.get('DPoP') ?? '')
    const claims = proofs.map((proof) => decodeJwt(proof))
    expect(claims.map(({ htm, htu }) => [htm, htu])).toEqual([
      ['GET', `${api}/orders`],
      ['POST', `${api}/orders`],
    ])
    expect(claims[0]?.['ath']).toBe(await sha256Base64Url(accessToken))
    expect(claims[0]?.jti).not.toBe(claims[1]?.jti)
    const header = decodeProtectedHeader(proofs[0] ?? '')
    expect(header).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256' })
    expect(await calculateJwkThumbprint(header.jwk as JWK)).toBe((decodeJwt(accessToken)['cnf'] as { jkt: string }).jkt)
  })

  it("retries once with an API's nonce, then sends it from the start", async () => {
    const { client } = await signIn()
    const seen = interceptApi((request) =>
      decodeJwt(request.headers.get('DPoP') ?? '')['nonce'] === 'n-1'
        ? new Response('[]')
        : new Response(null, { status: 401, headers: { 'WWW-Authenticate': 'DPoP error="use_dpop_nonce"', 'DPoP-Nonce': 'n-1' } }),
    )
    expect((await client.fetch(`${api}/orders`)).status).toBe(200)
    expect((await client.fetch(`${api}/orders`)).status).toBe(200)
    expect(seen.map((request) => decodeJwt(request.headers.get('DPoP') ?? '')['nonce'])).toEqual([undefined, 'n-1', 'n-1'])
  })

  it('does not loop on an API that asks for a new nonce every time', async () => {
    const { client } = await signIn()
    const seen = interceptApi(
      (_, attempt) => new Response(null, { status: 401, headers: { 'WWW-Authenticate': 'DPoP error="use_dpop_nonce"', 'DPoP-Nonce': `n-${attempt}` } }),
    )
    const response = await client.fetch(`${api}/orders`)
    expect(response.status).toBe(401)
    // One retry for the nonce, and auth.fetch's one retry after a renewal (with its own nonce retry).
    expect(seen.length).toBeLessThanOrEqual(4)
  })

  it('refuses to start a sign-in with an IdP that does not announce DPoP', async () => {
    rewriteIdp('/.well-known/openid-configuration', async (response) => {
      const { dpop_signing_alg_values_supported: _, ...document } = (await response.json()) as Record<string, unknown>
      return Response.json(document)
    })
    const { client, navigate } = dpopApp()()
    await client.start()
    await expect(client.login()).rejects.toMatchObject({ code: 'config', message: expect.stringMatching(/DPoP/) })
    expect(navigate).not.toHaveBeenCalled()
  })

  it('refuses a bearer token in place of a DPoP-bound one, and keeps nothing', async () => {
    const load = dpopApp()
    const first = load()
    await first.client.start()
    await first.client.login()
    await followLogin(first.navigate)
    rewriteIdp('/token', async (response) => Response.json({ ...((await response.json()) as object), token_type: 'Bearer' }))
    const { client } = load()
    await client.start()
    expect(client.getState()).toMatchObject({ status: 'anonymous', error: { code: 'invalid_token', message: expect.stringMatching(/DPoP/) } })
    expect(storedSession()).toBeNull()
  })

  it('fails at creation with loadUserInfo, which oidc-client-ts sends a bearer token', () => {
    expect(() => createAuthClient({ ...testConfig, features: [dpop()], loadUserInfo: true })).toThrow(/loadUserInfo.*dpop\(\).*auth\.fetch/)
  })
})
