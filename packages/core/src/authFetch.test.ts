import { describe, expect, it, vi } from 'vitest'
import { authFetch, type AuthFetchFeatureOptions } from './authFetch.js'
import { popup } from './popup.js'
import { silentRenewal } from './silentRenewal.js'
import { tabSync } from './tabSync.js'
import { createDeferred } from './test/createDeferred.js'
import { appOrigin, loadApp, signInThroughIdp, testIdp } from './test/signInThroughIdp.js'

const api = 'https://api.example.com'
const invalidToken = () => new Response(null, { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } })
const needsScope = (scope: string) =>
  new Response(null, { status: 403, headers: { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${scope}"` } })

/** Stands in for every server but the IdP (the app's API and any other); requests to the IdP go through. */
function interceptApi(answer: (request: Request, attempt: number) => Response | Promise<Response>) {
  const realFetch = globalThis.fetch
  const idpOrigin = new URL(testIdp.issuer).origin
  const seen: Request[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init)
    if (new URL(request.url).origin === idpOrigin) return realFetch(input, init)
    seen.push(request)
    return answer(request, seen.length)
  })
  return seen
}

/** Every feature, with the fetch feature's options as a test needs them. */
function featuresWith(options: AuthFetchFeatureOptions) {
  return [popup(), tabSync(), silentRenewal(), authFetch(options)]
}

async function signedInClient(config: Parameters<typeof loadApp>[0] = {}) {
  await signInThroughIdp()
  const app = loadApp(config)
  await app.client.start()
  return app
}

function thrownBy(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}

describe('auth.fetch', () => {
  it('sends the access token as a bearer token', async () => {
    const { client } = await signedInClient()
    const seen = interceptApi(() => new Response('{}', { status: 200 }))
    const response = await client.fetch(`${appOrigin}/api/orders`)
    expect(response.status).toBe(200)
    expect(seen[0]?.headers.get('Authorization')).toBe(`Bearer ${await client.getAccessToken()}`)
  })

  it("sends the token to a path on the app's own origin", async () => {
    const { client } = await signedInClient()
    const seen = interceptApi(() => new Response('{}', { status: 200 }))
    expect((await client.fetch('/api/orders')).status).toBe(200)
    expect(seen[0]?.url).toBe(`${appOrigin}/api/orders`)
    expect(seen[0]?.headers.get('Authorization')).toBe(`Bearer ${await client.getAccessToken()}`)
  })

  it('does not send the token to another origin: it rejects with config and sends nothing', async () => {
    const { client } = await signedInClient()
    const seen = interceptApi(() => new Response('{}', { status: 200 }))
    for (const url of ['https://evil.example/steal', `${api}/orders`, 'http://127.0.0.1:5174/api/orders', 'https://127.0.0.1:5173/api/orders']) {
      await expect(client.fetch(url)).rejects.toMatchObject({
        code: 'config',
        message: expect.stringContaining(`authFetch({ origins: ['${new URL(url).origin}'] })`),
      })
    }
    expect(seen).toHaveLength(0)
  })

  it('sends the token to an API origin the fetch feature allows', async () => {
    const { client } = await signedInClient({ features: featuresWith({ origins: [`${api}/`, 'http://localhost:8080'] }) })
    const seen = interceptApi(() => new Response('{}', { status: 200 }))
    expect((await client.fetch(`${api}/orders`)).status).toBe(200)
    expect((await client.fetch('http://localhost:8080/orders')).status).toBe(200)
    expect((await client.fetch('/api/orders')).status).toBe(200)
    const bearer = `Bearer ${await client.getAccessToken()}`
    expect(seen.map((request) => request.headers.get('Authorization'))).toEqual([bearer, bearer, bearer])
    // Only the origins listed: another host, scheme or port of the same name is another origin.
    await expect(client.fetch('https://other.example.com/orders')).rejects.toMatchObject({ code: 'config' })
    await expect(client.fetch('https://api.example.com:8443/orders')).rejects.toMatchObject({ code: 'config' })
    expect(seen).toHaveLength(3)
  })

  it('throws config for origins that are not exact https (or loopback http) origins, saying how to fix them', () => {
    const cases: [unknown, RegExp][] = [
      [['https://api.example.com/v1'], /Write its origin only: 'https:\/\/api\.example\.com'/],
      [['https://API.example.com'], /Write its origin only: 'https:\/\/api\.example\.com'/],
      [['https://*.example.com'], /not an origin/],
      [['api.example.com'], /not an origin/],
      [[''], /not an origin/],
      [['http://api.example.com'], /https only.*'https:\/\/api\.example\.com'/],
      [['data:text/plain,x'], /not an origin/],
      ['https://api.example.com', /a list of origins/],
    ]
    for (const [origins, message] of cases) {
      const error = thrownBy(() => authFetch({ origins: origins as string[] }))
      expect(error, JSON.stringify(origins)).toMatchObject({ name: 'AuthError', code: 'config', message: expect.stringMatching(message) })
    }
    expect(() => authFetch({ origins: ['https://api.example.com', 'http://127.0.0.1:4001', 'http://[::1]:4001', 'http://localhost'] })).not.toThrow()
  })

  it('throws config for stepUpScopes that are not single scopes', () => {
    for (const stepUpScopes of [['orders:write orders:delete'], [''], 'orders:write']) {
      expect(thrownBy(() => authFetch({ stepUpScopes: stepUpScopes as string[] }))).toMatchObject({ code: 'config' })
    }
  })

  it('renews the token once and retries once on a 401', async () => {
    const { client } = await signedInClient()
    const tokenBefore = await client.getAccessToken()
    const seen = interceptApi((_, attempt) => (attempt === 1 ? invalidToken() : new Response('{}', { status: 200 })))
    const response = await client.fetch(`${appOrigin}/api/orders`, { method: 'POST', body: '{"item":"tea"}' })
    expect(response.status).toBe(200)
    expect(seen).toHaveLength(2)
    expect(await seen[1]?.text()).toBe('{"item":"tea"}')
    expect(seen[1]?.headers.get('Authorization')).not.toBe(`Bearer ${tokenBefore}`)
    expect(await testIdp.tokenRequests('refresh_token')).toBe(1)
  })

  it('gives up after one retry when the API keeps answering 401', async () => {
    const { client } = await signedInClient()
    const seen = interceptApi(() => invalidToken())
    expect((await client.fetch(`${appOrigin}/api/orders`)).status).toBe(401)
    expect(seen).toHaveLength(2)
  })

  it('makes at most one refresh grant for 10 calls to an API that always answers 401', async () => {
    const { client } = await signedInClient()
    const seen = interceptApi(() => invalidToken())
    for (let call = 0; call < 10; call++) expect((await client.fetch(`${appOrigin}/api/orders`)).status).toBe(401)
    expect(await testIdp.tokenRequests('refresh_token')).toBeLessThanOrEqual(1)
    // The first call retried with the renewed token; every later one sent that token once and stopped.
    expect(seen).toHaveLength(11)
    expect(client.getState()).toMatchObject({ status: 'authenticated' })
  })

  it('shares one renewal among concurrent requests that got a 401 with the same token', async () => {
    const { client } = await signedInClient()
    const tokenBefore = await client.getAccessToken()
    const twoSent = createDeferred<void>()
    const retried = createDeferred<void>()
    const seen = interceptApi(async (request, attempt) => {
      if (request.headers.get('Authorization') !== `Bearer ${tokenBefore}`) {
        retried.resolve()
        return new Response('{}', { status: 200 })
      }
      // The first two 401s arrive together; the third after the renewal is over and a retry went out.
      if (attempt === 2) twoSent.resolve()
      await (attempt <= 2 ? twoSent.promise : retried.promise)
      return invalidToken()
    })
    const responses = await Promise.all([1, 2, 3].map(() => client.fetch(`${appOrigin}/api/orders`)))
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200])
    expect(await testIdp.tokenRequests('refresh_token')).toBe(1)
    const tokenAfter = await client.getAccessToken()
    expect(tokenAfter).not.toBe(tokenBefore)
    expect(seen.slice(3).map((request) => request.headers.get('Authorization'))).toEqual(Array(3).fill(`Bearer ${tokenAfter}`))
  })

  it('retries a 401 for a token older than the current one with the current token, without renewing', async () => {
    const { client } = await signedInClient()
    const tokenBefore = await client.getAccessToken()
    const firstSent = createDeferred<void>()
    const release = createDeferred<void>()
    const seen = interceptApi(async (request) => {
      if (request.headers.get('Authorization') !== `Bearer ${tokenBefore}`) return new Response('{}', { status: 200 })
      firstSent.resolve()
      await release.promise
      return invalidToken()
    })
    const pending = client.fetch(`${appOrigin}/api/orders`)
    await firstSent.promise
    await client.renew() // the background renewal, say, while the request was on its way
    release.resolve()
    expect((await pending).status).toBe(200)
    expect(await testIdp.tokenRequests('refresh_token')).toBe(1)
    expect(seen[1]?.headers.get('Authorization')).toBe(`Bearer ${await client.getAccessToken()}`)
  })

  it('does not step up by default: a 403 insufficient_scope comes back as it is', async () => {
    const { client, navigate } = await signedInClient({ stepUp: 'redirect' })
    interceptApi(() => needsScope('orders:write'))
    const response = await client.fetch(`${appOrigin}/api/orders`, { method: 'POST' })
    expect(response.status).toBe(403)
    expect(navigate).not.toHaveBeenCalled()
  })

  it('step-up ignores the scopes a 403 names that stepUpScopes does not list', async () => {
    const { client, navigate } = await signedInClient({ stepUp: 'redirect', features: featuresWith({ stepUpScopes: ['orders:write'] }) })
    interceptApi(() => needsScope('admin payments:send'))
    const response = await client.fetch(`${appOrigin}/api/orders`, { method: 'POST' })
    expect(response.status).toBe(403)
    expect(navigate).not.toHaveBeenCalled()
  })

  it('step-up asks for a configured scope the 403 names, and only for that (step-up by redirect)', async () => {
    const { client, navigate } = await signedInClient({ stepUp: 'redirect', features: featuresWith({ stepUpScopes: ['orders:write'] }) })
    interceptApi(() => needsScope('admin orders:write'))
    await client.fetch(`${appOrigin}/api/orders`, { method: 'POST' })
    const authorizationUrl = new URL(navigate.mock.calls.at(-1)?.[0] ?? '')
    const scopes = authorizationUrl.searchParams.get('scope')?.split(' ')
    expect(scopes).toEqual(expect.arrayContaining(['openid', 'orders:read', 'orders:write']))
    expect(scopes).not.toContain('admin')
  })

  it('rejects a token request for a scope the session lacks with insufficient_scope', async () => {
    const { client } = await signedInClient()
    await expect(client.getAccessToken({ scope: 'orders:write' })).rejects.toMatchObject({ code: 'insufficient_scope' })
  })
})
