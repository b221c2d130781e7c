import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createRequestJournal } from './createRequestJournal.js'
import { startIdpAndApi, type IdpAndApi } from './test/startIdpAndApi.js'

let stack: IdpAndApi

beforeAll(async () => {
  stack = await startIdpAndApi()
})
afterAll(() => stack.close())
beforeEach(async () => {
  await stack.call('/api/__journal', { method: 'DELETE' })
})

async function journal(): Promise<unknown[]> {
  const response = await stack.call('/api/__journal')
  expect(response.status).toBe(200)
  expect(response.headers.get('Cache-Control')).toBe('no-store')
  return ((await response.json()) as { entries: unknown[] }).entries
}

describe('GET /api/__journal', () => {
  it('lists the requests answered, oldest first, without query strings or its own requests', async () => {
    const before = Date.now()
    const { accessToken } = await stack.signIn('orders:read')
    await stack.call('/api/orders?access_token=secret', { token: accessToken })
    await stack.call('/api/orders', { method: 'POST', token: accessToken, headers: { 'Content-Type': 'application/json' }, body: '{"item":"Padlock"}' })
    await stack.call('/api/me')
    await journal()

    const entries = (await journal()) as { at: string }[]
    expect(entries).toEqual([
      { at: expect.any(String), method: 'GET', path: '/api/orders', status: 200 },
      { at: expect.any(String), method: 'POST', path: '/api/orders', status: 403 },
      { at: expect.any(String), method: 'GET', path: '/api/me', status: 401 },
    ])
    expect(Date.parse(entries[0]?.at ?? '')).toBeGreaterThanOrEqual(before - 1000)
  })
})

describe('DELETE /api/__journal', () => {
  it('empties the journal with 204', async () => {
    await stack.call('/api/me')
    const response = await stack.call('/api/__journal', { method: 'DELETE' })
    expect(response.status).toBe(204)
    expect(await journal()).toEqual([])
  })
})

describe('createRequestJournal', () => {
  it('keeps only the last 500 entries', () => {
    const requests = createRequestJournal()
    for (let index = 0; index < 501; index += 1) {
      requests.record({ at: new Date(0).toISOString(), method: 'GET', path: `/api/${index}`, status: 404 })
    }
    expect(requests.entries()).toHaveLength(500)
    expect(requests.entries()[0]?.path).toBe('/api/1')
  })
})
