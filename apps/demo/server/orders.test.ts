import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startIdpAndApi, type IdpAndApi } from './test/startIdpAndApi.js'

let stack: IdpAndApi
let readToken: string
let readWriteToken: string

beforeAll(async () => {
  stack = await startIdpAndApi()
  ;[{ accessToken: readToken }, { accessToken: readWriteToken }] = await Promise.all([
    stack.signIn('orders:read'),
    stack.signIn('orders:read orders:write', 'admin'),
  ])
})
afterAll(() => stack.close())

const postOrder = (token: string | undefined, body: string, contentType = 'application/json') =>
  stack.call('/api/orders', { method: 'POST', token, headers: { 'Content-Type': contentType }, body })

describe('GET /api/me', () => {
  it('describes the token: subject, scopes and expiry in epoch milliseconds', async () => {
    const response = await stack.call('/api/me', { token: readToken })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const body = (await response.json()) as { expiresAt: number }
    expect(body).toEqual({ sub: 'alice', scope: ['orders:read'], expiresAt: expect.any(Number) })
    expect(body.expiresAt).toBeGreaterThan(Date.now())
  })

  it('needs no particular scope', async () => {
    const { accessToken } = await stack.signIn('profile')
    const response = await stack.call('/api/me', { token: accessToken })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ sub: 'alice', scope: [] })
  })
})

describe('GET /api/orders', () => {
  it("lists the user's demo orders with orders:read", async () => {
    const response = await stack.call('/api/orders', { token: readToken })
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const { orders } = (await response.json()) as { orders: unknown[] }
    expect(orders).toHaveLength(3)
    expect(orders).toContainEqual({ id: 'ord-1001', item: expect.any(String), total: expect.any(Number) })
  })

  it('answers 403 insufficient_scope naming orders:read to a token without it', async () => {
    const { accessToken } = await stack.signIn('orders:write')
    const response = await stack.call('/api/orders', { token: accessToken })
    expect(response.status).toBe(403)
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="latchkey-demo", error="insufficient_scope", scope="orders:read"')
  })
})

describe('POST /api/orders', () => {
  it('answers 403 insufficient_scope naming orders:write to a read-only token', async () => {
    const response = await postOrder(readToken, JSON.stringify({ item: 'Padlock' }))
    expect(response.status).toBe(403)
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="latchkey-demo", error="insufficient_scope", scope="orders:write"')
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(await response.json()).toEqual({ error: 'insufficient_scope', error_description: 'This route needs the orders:write scope.' })
  })

  it("adds an order to the user's list with orders:write", async () => {
    const response = await postOrder(readWriteToken, JSON.stringify({ item: '  Padlock ' }))
    expect(response.status).toBe(201)
    const { order } = (await response.json()) as { order: { id: string } }
    expect(order).toEqual({ id: 'ord-1004', item: 'Padlock', total: expect.any(Number) })

    const admins = await stack.call('/api/orders', { token: readWriteToken })
    expect(((await admins.json()) as { orders: unknown[] }).orders.at(-1)).toEqual(order)
    const alices = await stack.call('/api/orders', { token: readToken })
    expect(((await alices.json()) as { orders: unknown[] }).orders).not.toContainEqual(order)
  })

  it.each([
    ['not JSON', '{item:'],
    ['not an object', '"Padlock"'],
    ['without item', '{}'],
    ['with an empty item', '{"item":"  "}'],
    ['with an item that is not a string', '{"item":42}'],
  ])('answers 400 invalid_body to a body %s', async (_case, body) => {
    const response = await postOrder(readWriteToken, body)
    expect(response.status).toBe(400)
    expect(response.headers.get('WWW-Authenticate')).toBeNull()
    expect(await response.json()).toEqual({ error: 'invalid_body', error_description: expect.any(String) })
  })

  it('answers 415 to a body that is not sent as JSON', async () => {
    const response = await postOrder(readWriteToken, 'item=Padlock', 'application/x-www-form-urlencoded')
    expect(response.status).toBe(415)
    expect(await response.json()).toMatchObject({ error: 'unsupported_media_type' })
  })

  it('answers 413 to a body over 16 KiB', async () => {
    const response = await postOrder(readWriteToken, JSON.stringify({ item: 'x'.repeat(17 * 1024) }))
    expect(response.status).toBe(413)
  })

  it('checks the token before reading the body', async () => {
    const response = await postOrder(undefined, '{item:')
    expect(response.status).toBe(401)
  })
})
