import { describe, expect, it, vi } from 'vitest'
import { decodeJwtPayload } from './decodeJwtPayload.js'
import { loadApp, signInThroughIdp, testIdp } from './test/signInThroughIdp.js'

async function signedInClient() {
  await signInThroughIdp()
  const { client } = loadApp()
  await client.start()
  return client
}

describe('renewal', () => {
  it('keeps the session through a network failure and renews again when the browser is back online', async () => {
    const client = await signedInClient()
    const realFetch = globalThis.fetch
    const offline = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'))
    await expect(client.renew()).rejects.toMatchObject({ code: 'network' })
    expect(client.getState()).toMatchObject({ status: 'authenticated' })
    expect(client.getState().error?.code).toBe('network')

    offline.mockImplementation(realFetch)
    const renewed = new Promise<void>((resolve) => {
      const stop = client.subscribe(() => {
        if (client.getState().error === null && client.getState().pending === null) {
          stop()
          resolve()
        }
      })
    })
    window.dispatchEvent(new Event('online'))
    await renewed
    expect(await testIdp.tokenRequests('refresh_token')).toBe(1)
  })

  it('asks for a token for another resource (RFC 8707) and keeps the rotated refresh token', async () => {
    const client = await signedInClient()
    const token = await client.getAccessToken({ resource: 'urn:latchkey:api' })
    expect(decodeJwtPayload(token)['aud']).toBe('urn:latchkey:api')
    expect(await client.getAccessToken({ resource: 'urn:latchkey:api' })).toBe(token)
    // The refresh token rotated by that request still renews the session.
    await client.renew()
    expect(client.getState()).toMatchObject({ status: 'authenticated', error: null })
    expect(await testIdp.tokenRequests('refresh_token')).toBe(2)
  })

  it('refuses a resource the IdP does not know with a coded error', async () => {
    const client = await signedInClient()
    await expect(client.getAccessToken({ resource: 'urn:unknown' })).rejects.toMatchObject({ code: 'idp_error' })
    expect(client.getState().status).toBe('authenticated')
  })

  it('sends each refresh token once when a resource token and a renewal are asked for at the same time', async () => {
    const client = await signedInClient()
    await Promise.all([client.getAccessToken({ resource: 'urn:latchkey:api' }), client.renew()])
    expect(await testIdp.invalidGrants()).toBe(0)
    expect(await testIdp.tokenRequests('refresh_token')).toBe(2)
    expect(client.getState()).toMatchObject({ status: 'authenticated', error: null })
    // The refresh token both rotated is still good.
    await client.renew()
    expect(await testIdp.invalidGrants()).toBe(0)
  })

  it('asks once for a resource token that two callers want at the same time', async () => {
    const client = await signedInClient()
    const [first, second] = await Promise.all([
      client.getAccessToken({ resource: 'urn:latchkey:api' }),
      client.getAccessToken({ resource: 'urn:latchkey:api' }),
    ])
    expect(first).toBe(second)
    expect(await testIdp.tokenRequests('refresh_token')).toBe(1)
    expect(await testIdp.invalidGrants()).toBe(0)
    expect(client.getState()).toMatchObject({ status: 'authenticated', error: null })
  })
})
