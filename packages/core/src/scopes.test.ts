import { describe, expect, it } from 'vitest'
import { CookieJar } from '@latchkey/mock-idp'
import { followLogin, loadApp, signInThroughIdp, testIdp as idp } from './test/signInThroughIdp.js'

describe('scopes', () => {
  it('renews when the token response named no scope, without asking for scopes the IdP dropped', async () => {
    await idp.setFault('token_response_without_scope')
    await signInThroughIdp()
    const { client } = loadApp()
    await client.start()
    await client.renew()
    expect(client.getState()).toMatchObject({ status: 'authenticated', error: null })
    const refreshes = (await idp.journal()).filter((entry) => entry.grantType === 'refresh_token')
    expect(refreshes.map((entry) => entry.status)).toEqual([200])
  })

  it('asks a step-up sign-in for what the session has plus the new scope', async () => {
    const jar = new CookieJar()
    await signInThroughIdp({ jar })
    const { client, navigate } = loadApp()
    await client.start()
    await client.login({ scope: 'orders:write' })
    const asked = new URL(navigate.mock.calls[0]?.[0] ?? '').searchParams.get('scope')?.split(' ')
    expect(asked?.sort()).toEqual(['email', 'offline_access', 'openid', 'orders:read', 'orders:write', 'profile'])

    await followLogin(navigate, { jar })
    const afterStepUp = loadApp().client
    await afterStepUp.start()
    const user = afterStepUp.getState().user
    expect(user?.profile).toMatchObject({ name: 'Alice Liddell', email: 'alice@example.com', roles: ['user'] })
    expect(user?.scopes).toEqual(expect.arrayContaining(['orders:read', 'orders:write']))
  })
})
