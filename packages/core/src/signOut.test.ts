import { describe, expect, it } from 'vitest'
import { loadApp, nextTokenRequest, signInThroughIdp, testIdp as idp } from './test/signInThroughIdp.js'

async function signedInClient() {
  await signInThroughIdp({ appState: { cart: ['tea'] } })
  const app = loadApp()
  await app.client.start()
  return app
}

function storedKeys(): string[] {
  return [...Object.keys(window.sessionStorage), ...Object.keys(window.localStorage)]
}

describe('a sign-out is final', () => {
  for (const revoke of [false, true]) {
    it(`stays signed out when a slow refresh settles after a local sign-out (revoke ${revoke})`, async () => {
      const { client } = await signedInClient()
      await idp.setFault('slow_token')
      const sent = nextTokenRequest()
      const renewing = client.renew().catch((error: unknown) => error)
      await sent
      await client.logout({ mode: 'local', revoke })
      expect(client.getState().status).toBe('anonymous')
      await renewing
      expect(client.getState()).toMatchObject({ status: 'anonymous', user: null, error: null })
      expect(storedKeys().filter((key) => key.endsWith(':session'))).toEqual([])
      await expect(client.getAccessToken()).rejects.toMatchObject({ code: 'login_required' })
      expect(loadApp().client.getState().status).toBe('anonymous')
    })
  }

  it('stays signed out when a slow refresh settles after a redirect sign-out started', async () => {
    const { client, navigate } = await signedInClient()
    await idp.setFault('slow_token')
    const sent = nextTokenRequest()
    const renewing = client.renew().catch((error: unknown) => error)
    await sent
    const loggingOut = client.logout({ revoke: false })
    await renewing
    await loggingOut
    expect(new URL(navigate.mock.calls.at(-1)?.[0] ?? '').pathname).toBe('/session/end')
    expect(client.getState()).toMatchObject({ status: 'anonymous', user: null })
    expect(storedKeys().filter((key) => key.endsWith(':session'))).toEqual([])
  })

  it('leaves no PKCE verifier, pending sign-in or appState behind', async () => {
    const { client } = await signedInClient()
    expect(client.getAppState()).toEqual({ cart: ['tea'] })
    // A step-up the user abandoned at the IdP leaves its pending sign-in in storage.
    await client.login({ scope: 'orders:write' })
    expect(storedKeys().some((key) => key.includes(':pending:'))).toBe(true)
    await client.logout({ mode: 'local' })
    expect(storedKeys().filter((key) => key.includes(':pending:') || key.endsWith(':session'))).toEqual([])
    expect(client.getAppState()).toBeUndefined()
  })
})
