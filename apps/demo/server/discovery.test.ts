import { createServer } from 'node:net'

import { createMockIdp } from '@latchkey/mock-idp'
import { afterEach, describe, expect, it } from 'vitest'

import { createDemoApi } from './createDemoApi.js'
import { obtainTokens } from './test/obtainTokens.js'
import { startIdpAndApi, type IdpAndApi } from './test/startIdpAndApi.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()))
})

async function start(): Promise<IdpAndApi> {
  const stack = await startIdpAndApi()
  cleanups.push(() => stack.close())
  return stack
}

async function expectUnavailable(response: Response): Promise<void> {
  expect(response.status).toBe(503)
  expect(response.headers.get('Cache-Control')).toBe('no-store')
  expect(response.headers.get('WWW-Authenticate')).toBeNull()
  expect(await response.json()).toEqual({ error: 'temporarily_unavailable', error_description: expect.any(String) })
}

/** A port nothing listens on, yet. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

const discoveryRequests = (stack: IdpAndApi) =>
  stack.idp.journal().filter((entry) => entry.path === '/.well-known/openid-configuration')

describe('discovery of the JWKS', () => {
  it('happens on the first request, once, however many requests arrive together', async () => {
    const stack = await start()
    expect(discoveryRequests(stack)).toHaveLength(0)
    const { accessToken } = await stack.signIn('orders:read')
    const responses = await Promise.all([1, 2, 3].map(() => stack.call('/api/orders', { token: accessToken })))
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200])
    expect(discoveryRequests(stack)).toHaveLength(1)
  })

  it('answers 503 while discovery fails, and tries again on the next request', async () => {
    const stack = await start()
    const { accessToken } = await stack.signIn('orders:read')
    stack.idp.setFault('discovery_500')
    await expectUnavailable(await stack.call('/api/orders', { token: accessToken }))
    await expectUnavailable(await stack.call('/api/orders', { token: accessToken }))
    stack.idp.clearFaults()
    expect((await stack.call('/api/orders', { token: accessToken })).status).toBe(200)
    expect(discoveryRequests(stack)).toHaveLength(3)
  })

  it('answers 503 while the JWKS fails, and recovers', async () => {
    const stack = await start()
    const { accessToken } = await stack.signIn('orders:read')
    stack.idp.setFault('jwks_500')
    await expectUnavailable(await stack.call('/api/orders', { token: accessToken }))
    stack.idp.clearFaults()
    expect((await stack.call('/api/orders', { token: accessToken })).status).toBe(200)
  })

  it('lets the API start before the IdP', async () => {
    const port = await freePort()
    const api = await createDemoApi({ issuer: `http://127.0.0.1:${port}` })
    cleanups.push(() => api.close())
    // Any token will do before the IdP is up: its keys cannot be had, so nothing can be checked.
    await expectUnavailable(await fetch(`${api.url}/api/me`, { headers: { Authorization: 'Bearer a.b.c' } }))

    const redirectUri = 'http://127.0.0.1:5173/callback'
    const idp = await createMockIdp({ port, clients: [{ clientId: 'demo', redirectUris: [redirectUri] }] })
    cleanups.push(() => idp.close())
    const { accessToken } = await obtainTokens({ issuer: idp.issuer, clientId: 'demo', redirectUri, scope: 'openid' })
    const response = await fetch(`${api.url}/api/me`, { headers: { Authorization: `Bearer ${accessToken}` } })
    expect(response.status).toBe(200)
  })

  it('refuses a discovery document for another issuer', async () => {
    const stack = await start()
    const api = await createDemoApi({ issuer: `${stack.idp.issuer}/` })
    cleanups.push(() => api.close())
    const response = await fetch(`${api.url}/api/me`, { headers: { Authorization: 'Bearer a.b.c' } })
    await expectUnavailable(response)
  })
})
