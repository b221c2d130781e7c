import { describe, expect, it } from 'vitest'
import { followLogin, loadApp, testIdp as idp } from './test/signInThroughIdp.js'

async function discoveryOfIdp(): Promise<Record<string, unknown>> {
  return (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>
}

async function signInWith(config: Parameters<typeof loadApp>[0]) {
  const first = loadApp(config)
  await first.client.start()
  await first.client.login()
  const authorizationUrl = new URL(first.navigate.mock.calls.at(-1)?.[0] ?? '')
  await followLogin(first.navigate)
  const app = loadApp(config)
  await app.client.start()
  return { ...app, authorizationUrl }
}

describe('the default scope and what the IdP announces', () => {
  it('leaves offline_access out of the default scope when scopes_supported does not list it', async () => {
    await idp.setFault('offline_access_unsupported')
    const { client, authorizationUrl } = await signInWith({ scope: undefined })
    expect(authorizationUrl.searchParams.get('scope')).toBe('openid profile email')
    expect(client.getState()).toMatchObject({ status: 'authenticated', error: null })
  })

  it('keeps offline_access in the default scope when scopes_supported lists it', async () => {
    const { authorizationUrl } = await signInWith({ scope: undefined })
    expect(authorizationUrl.searchParams.get('scope')).toBe('openid profile email offline_access')
  })

  it('sends a scope the app set as it is, and an invalid_scope answer names the scopes asked for', async () => {
    await idp.setFault('offline_access_unsupported')
    const { client, authorizationUrl } = await signInWith({ scope: 'openid profile offline_access' })
    expect(authorizationUrl.searchParams.get('scope')).toBe('openid profile offline_access')
    const { status, error } = client.getState()
    expect(status).toBe('anonymous')
    expect(error?.code).toBe('invalid_scope')
    expect(error?.message).toContain(`"openid profile offline_access"`)
    expect(error?.message).toMatch(/announces openid .*profile/)
    expect(error?.message).toMatch(/Set `scope`/)
  })
})

describe('metadata and metadataSeed', () => {
  it('signs in with a whole discovery document from the config, never fetching the IdP\'s', async () => {
    const metadata = await discoveryOfIdp()
    await idp.clearJournal()
    const { client } = await signInWith({ metadata })
    expect(client.getState().status).toBe('authenticated')
    expect((await idp.journal()).filter((entry) => entry.path.startsWith('/.well-known/'))).toEqual([])
  })

  it('lets metadataSeed override a field of the fetched document', async () => {
    const { authorizationUrl } = await signInWith({ metadataSeed: { scopes_supported: ['openid', 'profile', 'email'] }, scope: undefined })
    expect(authorizationUrl.searchParams.get('scope')).toBe('openid profile email')
  })
})
