import { describe, expect, it, vi } from 'vitest'
import { loadApp, signInThroughIdp, testIdp as idp } from './test/signInThroughIdp.js'

/** The refresh token this page load's session holds, read as an attacker with the storage would. */
function storedRefreshToken(): string {
  const key = Object.keys(window.sessionStorage).find((name) => name.endsWith(':session'))
  return (JSON.parse(window.sessionStorage.getItem(key ?? '') ?? '{}') as { refreshToken: string }).refreshToken
}

async function refreshAtIdp(refreshToken: string): Promise<{ status: number; error: unknown }> {
  const response = await fetch(`${idp.issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'spa', refresh_token: refreshToken }),
  })
  return { status: response.status, error: ((await response.json()) as { error?: unknown }).error }
}

async function signedIn(config: Parameters<typeof loadApp>[0] = {}) {
  await signInThroughIdp()
  const app = loadApp(config)
  await app.client.start()
  expect(app.client.getState().status).toBe('authenticated')
  return { ...app, refreshToken: storedRefreshToken() }
}

describe('logout at an IdP without an end_session_endpoint', () => {
  it('signs out here, revokes the refresh token, and resolves saying the IdP session was kept', async () => {
    await idp.setFault('discovery_without_end_session')
    const { client, navigate, refreshToken } = await signedIn()

    await expect(client.logout()).resolves.toEqual({ idpSession: 'kept', revoked: true })

    expect(client.getState()).toMatchObject({ status: 'anonymous', user: null, error: null, pending: null })
    expect(navigate).not.toHaveBeenCalled()
    expect(await refreshAtIdp(refreshToken)).toEqual({ status: 400, error: 'invalid_grant' })
  })

  it('revokes through a revocation endpoint that metadataSeed supplies where discovery names none', async () => {
    await idp.setFaults(['discovery_without_end_session', 'discovery_without_revocation'])
    const { client, refreshToken } = await signedIn({ metadataSeed: { revocation_endpoint: `${idp.issuer}/token/revocation` } })

    await expect(client.logout()).resolves.toEqual({ idpSession: 'kept', revoked: true })
    expect(await refreshAtIdp(refreshToken)).toEqual({ status: 400, error: 'invalid_grant' })
  })

  it('says nothing was revoked when the IdP names no revocation endpoint either', async () => {
    await idp.setFaults(['discovery_without_end_session', 'discovery_without_revocation'])
    const { client, refreshToken } = await signedIn()

    await expect(client.logout()).resolves.toEqual({ idpSession: 'kept', revoked: false })
    expect(client.getState()).toMatchObject({ status: 'anonymous', error: null, pending: null })
    expect(await idp.revocations()).toBe(0)
    // Nothing could end the grant: this is what the result tells the app.
    expect((await refreshAtIdp(refreshToken)).status).toBe(200)
  })

  it('goes to an end_session_endpoint that metadataSeed supplies', async () => {
    await idp.setFault('discovery_without_end_session')
    const { client, navigate } = await signedIn({ metadataSeed: { end_session_endpoint: `${idp.issuer}/session/end` } })

    await expect(client.logout()).resolves.toEqual({ idpSession: 'ending', revoked: true })
    expect(new URL(navigate.mock.calls.at(-1)?.[0] ?? '').pathname).toBe('/session/end')
  })

  it('closes the popup it opened for a popup sign-out, and resolves the same way', async () => {
    await idp.setFault('discovery_without_end_session')
    const { client } = await signedIn()
    const popup = { closed: false, close: vi.fn(() => void (popup.closed = true)), location: { href: 'about:blank' } }
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)

    await expect(client.logout({ mode: 'popup' })).resolves.toEqual({ idpSession: 'kept', revoked: true })
    expect(popup.closed).toBe(true)
    // Never sent to the IdP: there is no end-session page to show.
    expect(popup.location.href).toBe('about:blank')
    expect(client.getState()).toMatchObject({ status: 'anonymous', error: null, pending: null })
  })

  it('reports a local sign-out as keeping the IdP session, at any IdP', async () => {
    const { client } = await signedIn()
    await expect(client.logout({ mode: 'local', revoke: false })).resolves.toEqual({ idpSession: 'kept', revoked: false })
  })
})
