import { describe, expect, it, vi } from 'vitest'
import { appOrigin, loadApp, signInThroughIdp, testIdp } from './test/signInThroughIdp.js'

/** Stands in for an API on the app's origin; every other request (the IdP's) goes through. */
function interceptApi(answer: (request: Request, attempt: number) => Response) {
  const realFetch = globalThis.fetch
  const seen: Request[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init)
    if (!request.url.startsWith(`${appOrigin}/api/`)) return realFetch(input, init)
    seen.push(request)
    return answer(request, seen.length)
  })
  return seen
}

async function signedInClient(config: Parameters<typeof loadApp>[0] = {}) {
  await signInThroughIdp()
  const app = loadApp(config)
  await app.client.start()
  return app
}

describe('auth.fetch', () => {
  it('sends the access token as a bearer token', async () => {
    const { client } = await signedInClient()
    const seen = interceptApi(() => new Response('{}', { status: 200 }))
    const response = await client.fetch(`${appOrigin}/api/orders`)
    expect(response.status).toBe(200)
    expect(seen[0]?.headers.get('Authorization')).toBe(`Bearer ${await client.getAccessToken()}`)
  })

  it('renews the token once and retries once on a 401', async () => {
    const { client } = await signedInClient()
    const tokenBefore = await client.getAccessToken()
    const seen = interceptApi((_, attempt) =>
      attempt === 1
        ? new Response(null, { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } })
        : new Response('{}', { status: 200 }),
    )
    const response = await client.fetch(`${appOrigin}/api/orders`, { method: 'POST', body: '{"item":"tea"}' })
    expect(response.status).toBe(200)
    expect(seen).toHaveLength(2)
    expect(await seen[1]?.text()).toBe('{"item":"tea"}')
    expect(seen[1]?.headers.get('Authorization')).not.toBe(`Bearer ${tokenBefore}`)
    expect(await testIdp.tokenRequests('refresh_token')).toBe(1)
  })

  it('gives up after one retry when the API keeps answering 401', async () => {
    const { client } = await signedInClient()
    const seen = interceptApi(() => new Response(null, { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } }))
    expect((await client.fetch(`${appOrigin}/api/orders`)).status).toBe(401)
    expect(seen).toHaveLength(2)
  })

  it('asks the user for the missing scope on 403 insufficient_scope (step-up by redirect)', async () => {
    const { client, navigate } = await signedInClient({ stepUp: 'redirect' })
    interceptApi(
      () => new Response(null, { status: 403, headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="orders:write"' } }),
    )
    await client.fetch(`${appOrigin}/api/orders`, { method: 'POST' })
    const authorizationUrl = new URL(navigate.mock.calls.at(-1)?.[0] ?? '')
    expect(authorizationUrl.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'orders:read', 'orders:write']))
  })

  it('rejects a token request for a scope the session lacks with insufficient_scope', async () => {
    const { client } = await signedInClient()
    await expect(client.getAccessToken({ scope: 'orders:write' })).rejects.toMatchObject({ code: 'insufficient_scope' })
  })
})
