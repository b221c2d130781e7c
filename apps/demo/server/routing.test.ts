import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startIdpAndApi, type IdpAndApi } from './test/startIdpAndApi.js'

let stack: IdpAndApi

beforeAll(async () => {
  stack = await startIdpAndApi()
})
afterAll(() => stack.close())

describe('routing', () => {
  it('answers 404 to an unknown path, before asking for a token', async () => {
    const response = await stack.call('/api/invoices')
    expect(response.status).toBe(404)
    expect(response.headers.get('WWW-Authenticate')).toBeNull()
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(await response.json()).toEqual({ error: 'not_found', error_description: 'No route for /api/invoices.' })
  })

  it('answers 405 with Allow to a known path and another method', async () => {
    const response = await stack.call('/api/orders', { method: 'DELETE' })
    expect(response.status).toBe(405)
    expect(response.headers.get('Allow')).toBe('GET, POST')
    expect(await response.json()).toMatchObject({ error: 'method_not_allowed' })
  })

  it('ignores the query string when matching a route', async () => {
    const { accessToken } = await stack.signIn('orders:read')
    expect((await stack.call('/api/me?x=1', { token: accessToken })).status).toBe(200)
  })

  it('listens on 127.0.0.1 only', () => {
    expect(stack.api.url).toBe(`http://127.0.0.1:${stack.api.port}`)
  })
})
