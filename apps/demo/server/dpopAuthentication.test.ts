import { createDpopKey, type DpopKey } from '@latchkey/mock-idp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startIdpAndApi, type IdpAndApi } from './test/startIdpAndApi.js'

let stack: IdpAndApi
let key: DpopKey
let boundToken: string

beforeAll(async () => {
  stack = await startIdpAndApi()
  key = await createDpopKey()
  ;({ accessToken: boundToken } = await stack.signIn('orders:read', undefined, key))
})
afterAll(() => stack.close())

/** Calls the API as a DPoP client: the token under the DPoP scheme, and a proof unless `proof` is given. */
async function callWithDpop(path: string, { token = boundToken, proof, method = 'GET' }: { token?: string; proof?: string | null; method?: string } = {}) {
  const url = new URL(path, stack.api.url).href
  const headers: Record<string, string> = { Authorization: `DPoP ${token}` }
  const sent = proof === undefined ? await key.proof({ htm: method, htu: url, accessToken: token }) : proof
  if (sent !== null) headers['DPoP'] = sent
  return fetch(url, { method, headers })
}

describe('a DPoP-bound access token', () => {
  it('is accepted with a proof of the key it is bound to', async () => {
    const response = await callWithDpop('/api/orders')
    expect(response.status).toBe(200)
  })

  it('is refused as a bearer token: copied alone, it is useless', async () => {
    const response = await stack.call('/api/orders', { token: boundToken })
    expect(response.status).toBe(401)
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^DPoP realm="latchkey-demo", algs="ES256", error="invalid_token"/)
  })

  it.each([
    ['no proof', async () => null],
    ['a proof of another key', async () => (await createDpopKey()).proof({ htm: 'GET', htu: `${stack.api.url}/api/orders`, accessToken: boundToken })],
    ['a proof for another request', async () => key.proof({ htm: 'GET', htu: `${stack.api.url}/api/me`, accessToken: boundToken })],
    ['a proof for another token', async () => key.proof({ htm: 'GET', htu: `${stack.api.url}/api/orders`, accessToken: 'other' })],
  ])('is refused with %s', async (_, makeProof) => {
    const response = await callWithDpop('/api/orders', { proof: await makeProof() })
    expect(response.status).toBe(401)
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^DPoP realm="latchkey-demo", algs="ES256", error="invalid_dpop_proof"/)
    expect(await response.json()).toMatchObject({ error: 'invalid_dpop_proof' })
  })

  it('is refused when its proof is replayed', async () => {
    const proof = await key.proof({ htm: 'GET', htu: `${stack.api.url}/api/orders`, accessToken: boundToken })
    expect((await callWithDpop('/api/orders', { proof })).status).toBe(200)
    expect((await callWithDpop('/api/orders', { proof })).status).toBe(401)
  })

  it('gets a DPoP challenge naming the scope it lacks', async () => {
    const response = await callWithDpop('/api/orders', { method: 'POST' })
    expect(response.status).toBe(403)
    expect(response.headers.get('WWW-Authenticate')).toBe('DPoP realm="latchkey-demo", algs="ES256", error="insufficient_scope", scope="orders:write"')
  })
})

describe('a bearer token sent under the DPoP scheme', () => {
  it('is refused: it is bound to no key', async () => {
    const { accessToken } = await stack.signIn('orders:read')
    const response = await callWithDpop('/api/orders', { token: accessToken })
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: 'invalid_token' })
  })
})
