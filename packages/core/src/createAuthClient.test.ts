import { describe, expect, it, vi } from 'vitest'
import { appOrigin, loadApp, signInThroughIdp, testIdp as idp } from './test/signInThroughIdp.js'

function codeExchanges(): Promise<number> {
  return idp.tokenRequests('authorization_code')
}

describe('redirect sign-in against a real OpenID Provider', () => {
  it('sends the browser to the IdP with PKCE S256, state and nonce', async () => {
    const { client, navigate } = loadApp()
    await client.login()
    const url = new URL(navigate.mock.calls[0]?.[0] ?? '')
    expect(url.origin).toBe(idp.issuer)
    expect(url.searchParams.get('response_type')).toBe('code')
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(url.searchParams.get('state')).toBeTruthy()
    expect(url.searchParams.get('nonce')).toBeTruthy()
    expect(url.searchParams.get('redirect_uri')).toBe(`${appOrigin}/callback`)
    expect(client.getState().pending).toBe('login')
  })

  it('completes the callback: authenticated, clean URL, back on returnTo', async () => {
    await signInThroughIdp()
    const { client } = loadApp()
    expect(client.getState().status).toBe('loading')
    await client.start()
    const state = client.getState()
    expect(state.error).toBeNull()
    expect(state.status).toBe('authenticated')
    expect(state.error).toBeNull()
    expect(state.user?.profile.name).toBe('Alice Liddell')
    expect(state.user?.profile.roles).toEqual(['user'])
    expect(state.user?.scopes).toContain('orders:read')
    expect(state.user?.expiresAt).toBeGreaterThan(Date.now())
    expect(`${window.location.pathname}${window.location.search}`).toBe('/profile?tab=claims')
    expect(await codeExchanges()).toBe(1)
  })

  it('fetches the discovery document once for the whole sign-in, the callback page included', async () => {
    await signInThroughIdp()
    await loadApp().client.start()
    const discoveries = (await idp.journal()).filter((entry) => entry.path === '/.well-known/openid-configuration')
    expect(discoveries).toHaveLength(1)
  })

  it('keeps raw tokens out of the state snapshot', async () => {
    await signInThroughIdp()
    const { client } = loadApp()
    await client.start()
    const token = await client.getAccessToken()
    expect(JSON.stringify(client.getState())).not.toContain(token)
  })

  it('redeems the code once when start() is called twice and when two clients load the same callback', async () => {
    await signInThroughIdp()
    const first = loadApp().client
    const second = loadApp().client
    await Promise.all([first.start(), first.start(), second.start()])
    expect(first.getState().status).toBe('authenticated')
    expect(second.getState().status).toBe('authenticated')
    expect(await codeExchanges()).toBe(1)
  })

  it('keeps the session and redeems nothing when the used callback URL is loaded again', async () => {
    const callbackUrl = await signInThroughIdp()
    await loadApp().client.start()
    window.history.replaceState(null, '', callbackUrl)
    const reloaded = loadApp().client
    await reloaded.start()
    expect(reloaded.getState()).toMatchObject({ status: 'authenticated', error: null })
    expect(window.location.search).toBe('')
    expect(await codeExchanges()).toBe(1)
  })

  it('restores the session from sessionStorage on reload, already on the first snapshot', async () => {
    await signInThroughIdp()
    await loadApp().client.start()
    const reloaded = loadApp().client
    expect(reloaded.getState().status).toBe('authenticated')
    expect(reloaded.getState().user?.profile.sub).toBe('alice')
  })

  it('keeps nothing across reloads with storage "memory"', async () => {
    await signInThroughIdp()
    const { client } = loadApp({ storage: 'memory' })
    await client.start()
    expect(client.getState().status).toBe('authenticated')
    expect(loadApp({ storage: 'memory' }).client.getState().status).toBe('anonymous')
  })

  it('renews an expired access token with the refresh token, and shares one refresh between callers', async () => {
    await signInThroughIdp()
    const { client } = loadApp()
    await client.start()
    const first = await client.getAccessToken()
    const [a, b] = await Promise.all([client.getAccessToken({ minValidity: 100_000 }), client.getAccessToken({ minValidity: 100_000 })])
    expect(a).toBe(b)
    expect(a).not.toBe(first)
    expect(await idp.tokenRequests('refresh_token')).toBe(1)
  })

  it('signs out locally: no token left in storage', async () => {
    await signInThroughIdp()
    const { client } = loadApp()
    await client.start()
    await client.logout({ mode: 'local' })
    expect(client.getState()).toMatchObject({ status: 'anonymous', user: null })
    expect(JSON.stringify({ ...window.sessionStorage, ...window.localStorage })).not.toMatch(/accessToken|refreshToken|idToken/)
  })

  it('revokes the refresh token on logout, unless told not to', async () => {
    await signInThroughIdp()
    const { client } = loadApp()
    await client.start()
    await client.logout({ mode: 'local', revoke: false })
    expect(await idp.revocations()).toBe(0)
    await signInThroughIdp()
    const second = loadApp().client
    await second.start()
    await second.logout({ mode: 'local' })
    expect(await idp.revocations()).toBe(1)
  })

  it('signs out by redirect to end_session with id_token_hint and the post-logout URI, then lands on returnTo', async () => {
    await signInThroughIdp()
    const { client, navigate } = loadApp()
    await client.start()
    await client.logout({ returnTo: '/goodbye' })
    const url = new URL(navigate.mock.calls[0]?.[0] ?? '')
    expect(url.pathname).toBe('/session/end')
    expect(url.searchParams.get('id_token_hint')).toBeTruthy()
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${appOrigin}/`)
    expect(client.getState().status).toBe('anonymous')

    window.history.replaceState(null, '', '/')
    const afterLogout = loadApp().client
    await afterLogout.start()
    expect(window.location.pathname).toBe('/goodbye')
    expect(afterLogout.getState().status).toBe('anonymous')
  })
})

describe('login options', () => {
  it('hands appState back after the redirect, without putting it in the URL', async () => {
    const callbackUrl = await signInThroughIdp({ appState: { cart: ['tea'] } })
    expect(callbackUrl).not.toContain('tea')
    const { client } = loadApp()
    await client.start()
    expect(client.getAppState()).toEqual({ cart: ['tea'] })
  })

  it('passes prompt, login_hint, max_age, acr_values, ui_locales and extra parameters to the IdP', async () => {
    const { client, navigate } = loadApp()
    await client.login({ prompt: 'login', loginHint: 'alice', maxAge: 60, acrValues: 'urn:mfa', uiLocales: 'fr', extraParams: { audience: 'x' } })
    const params = new URL(navigate.mock.calls[0]?.[0] ?? '').searchParams
    expect(Object.fromEntries(['prompt', 'login_hint', 'max_age', 'acr_values', 'ui_locales', 'audience'].map((name) => [name, params.get(name)]))).toEqual({
      prompt: 'login',
      login_hint: 'alice',
      max_age: '60',
      acr_values: 'urn:mfa',
      ui_locales: 'fr',
      audience: 'x',
    })
  })

  it('rejects a popup login at once with popup_blocked when the browser blocks the popup', async () => {
    vi.spyOn(window, 'open').mockReturnValue(null)
    const { client, navigate } = loadApp()
    await expect(client.login({ mode: 'popup' })).rejects.toMatchObject({ code: 'popup_blocked' })
    expect(client.getState().error?.code).toBe('popup_blocked')
    expect(navigate).not.toHaveBeenCalled()
  })

  it('falls back to a redirect when the popup is blocked and popupFallback is "redirect"', async () => {
    vi.spyOn(window, 'open').mockReturnValue(null)
    const { client, navigate } = loadApp({ popupFallback: 'redirect' })
    await client.login({ mode: 'popup' })
    expect(new URL(navigate.mock.calls[0]?.[0] ?? '').searchParams.get('redirect_uri')).toBe(`${appOrigin}/callback`)
  })
})

describe('sign-in failures', () => {
  it('reports an error= callback from the IdP with its code and description, and cleans the URL', async () => {
    const { client: starter, navigate } = loadApp()
    await starter.login({ returnTo: '/orders' })
    const state = new URL(navigate.mock.calls[0]?.[0] ?? '').searchParams.get('state') ?? ''
    window.history.replaceState(null, '', `/callback?error=access_denied&error_description=The+user+said+no&state=${state}&iss=${encodeURIComponent(idp.issuer)}`)
    const { client } = loadApp()
    await client.start()
    expect(client.getState().status).toBe('anonymous')
    expect(client.getState().error).toMatchObject({ code: 'access_denied', description: 'The user said no' })
    expect(window.location.pathname).toBe('/orders')
    expect(window.location.search).toBe('')
  })

  it('rejects a callback whose state does not match any sign-in started here', async () => {
    window.history.replaceState(null, '', `/callback?code=stolen&state=unknown&iss=${encodeURIComponent(idp.issuer)}`)
    const { client } = loadApp()
    await client.start()
    expect(client.getState().status).toBe('anonymous')
    expect(client.getState().error?.code).toBe('state_mismatch')
    expect(await codeExchanges()).toBe(0)
    expect(window.location.search).toBe('')
  })

  it('rejects a callback from another issuer before redeeming its code (RFC 9207)', async () => {
    const callbackUrl = new URL(await signInThroughIdp())
    callbackUrl.searchParams.set('iss', 'https://evil.example')
    window.history.replaceState(null, '', callbackUrl.href)
    const { client } = loadApp()
    await client.start()
    expect(client.getState().error?.code).toBe('invalid_token')
    expect(client.getState().status).toBe('anonymous')
    expect(await codeExchanges()).toBe(0)
  })

  it('reports a failing token endpoint and builds no session', async () => {
    await signInThroughIdp()
    await idp.setFault('token_endpoint_500')
    const { client } = loadApp()
    await client.start()
    expect(client.getState().status).toBe('anonymous')
    expect(client.getState().error?.code).toBe('idp_error')
  })

  it('reports an IdP that is down at login with code "network", without navigating', async () => {
    const { client, navigate } = loadApp({ authority: 'http://127.0.0.1:9' })
    await client.start()
    await expect(client.login()).rejects.toMatchObject({ code: 'network' })
    expect(client.getState()).toMatchObject({ status: 'anonymous', pending: null })
    expect(client.getState().error?.message).toMatch(/could not reach the identity provider/)
    expect(navigate).not.toHaveBeenCalled()
  })

  it('ends the session with refresh_failed when the refresh token is refused, and does not retry', async () => {
    await signInThroughIdp()
    const { client } = loadApp()
    await client.start()
    await idp.setFault('refresh_invalid_grant')
    await expect(client.getAccessToken({ minValidity: 100_000 })).rejects.toMatchObject({ code: 'refresh_failed' })
    expect(client.getState()).toMatchObject({ status: 'anonymous', user: null })
    expect(client.getState().error?.code).toBe('refresh_failed')
    await expect(client.getAccessToken()).rejects.toMatchObject({ code: 'login_required' })
    expect(await idp.tokenRequests('refresh_token')).toBe(1)
  })
})
