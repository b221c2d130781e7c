import { describe, expect, it, vi } from 'vitest'
import { createAuthClient } from './createAuthClient.js'
import { relayAuthCallback } from './relayAuthCallback.js'
import { toAuthError } from './toAuthError.js'
import { loadApp, signInThroughIdp, testConfig, testIdp as idp } from './test/signInThroughIdp.js'

/** Serves the IdP's discovery document with `change` applied; every other request goes through. */
function alterDiscovery(change: (document: Record<string, unknown>) => Record<string, unknown>) {
  const realFetch = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const response = await realFetch(input, init)
    if (!new Request(input, init).url.endsWith('/.well-known/openid-configuration')) return response
    return Response.json(change((await response.json()) as Record<string, unknown>))
  })
}

/**
 * Rewrites the claims of the ID token in every successful token response, keeping its header and
 * signature: without the signature feature the claims are what latchkey checks.
 */
function forgeIssuedIdTokens(change: (claims: Record<string, unknown>) => Record<string, unknown>) {
  const realFetch = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const response = await realFetch(input, init)
    if (!new Request(input, init).url.endsWith('/token') || !response.ok) return response
    const body = (await response.json()) as { id_token: string }
    const [header, payload, signature] = body.id_token.split('.')
    const claims = JSON.parse(atob((payload ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>
    const forged = btoa(JSON.stringify(change(claims))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
    return Response.json({ ...body, id_token: `${header}.${forged}.${signature}` })
  })
}

describe('what latchkey refuses', () => {
  for (const [name, issuer] of [
    ['another issuer', 'https://evil.example'],
    ['the issuer with a trailing slash', `${idp.issuer}/`],
  ] as const) {
    it(`refuses a discovery document that names ${name}, and keeps none of it`, async () => {
      alterDiscovery((document) => ({ ...document, issuer }))
      const { client, navigate } = loadApp()
      const error = await client.login().catch((err: unknown) => err)
      // The message names both values and the fix.
      expect(error).toMatchObject({ code: 'config', message: expect.stringContaining(`authority is "${idp.issuer}"`) })
      expect(error).toMatchObject({ message: expect.stringContaining(`set authority: "${issuer}"`) })
      expect(navigate).not.toHaveBeenCalled()
      expect(Object.keys(window.sessionStorage).filter((key) => key.endsWith(':metadata'))).toEqual([])
    })
  }

  it('fails at creation on a page that is not a secure context, saying why', () => {
    Object.defineProperty(window, 'isSecureContext', { value: false, configurable: true })
    try {
      expect(() => createAuthClient(testConfig)).toThrow(/not a secure context.*https/)
    } finally {
      Reflect.deleteProperty(window, 'isSecureContext')
    }
  })

  it('refuses extra parameters that latchkey sets itself', async () => {
    expect(() => createAuthClient({ ...testConfig, extraQueryParams: { audience: 'api', state: 'mine' } })).toThrow(/extraQueryParams may not set state/)
    const { client, navigate } = loadApp()
    await expect(client.login({ extraParams: { redirect_uri: 'https://evil.example/', code_challenge_method: 'plain' } })).rejects.toMatchObject({
      code: 'config',
      message: expect.stringMatching(/redirect_uri, code_challenge_method/),
    })
    expect(navigate).not.toHaveBeenCalled()
  })

  it('always answers login() with a promise, even when opening the popup throws', async () => {
    vi.spyOn(window, 'open').mockImplementation(() => {
      throw new Error('blocked by an extension')
    })
    const { client } = loadApp()
    let outcome: Promise<void> | undefined
    expect(() => {
      outcome = client.login({ mode: 'popup' })
    }).not.toThrow()
    await expect(outcome).rejects.toMatchObject({ code: 'idp_error' })
    expect(client.getState().error).not.toBeNull()
  })

  it('shows nothing of a forged callback link: an unknown state is state_mismatch, whatever else it says', async () => {
    const planted = 'Your account is locked. Call +1 555 0100 now. '.repeat(250)
    window.history.replaceState(null, '', `/callback?code=x&state=forged&iss=${encodeURIComponent(planted)}&error=access_denied&error_description=${encodeURIComponent(planted)}`)
    const { client } = loadApp()
    await client.start()
    expect(client.getState().error?.code).toBe('state_mismatch')
    expect(client.getState().error?.message).not.toMatch(/locked/)
    expect(window.location.search).toBe('')
    expect(await idp.tokenRequests('authorization_code')).toBe(0)
  })

  it("keeps an IdP's error_description out of the message beyond 200 characters", () => {
    const description = 'x'.repeat(5000)
    const error = toAuthError(Object.assign(new Error('bad'), { name: 'ErrorResponse', error: 'access_denied', error_description: description }), 'Sign-in failed')
    expect(error.message.length).toBeLessThan(400)
    expect(error.description?.length).toBeLessThanOrEqual(201)
    expect((error.cause as { error_description: string }).error_description).toBe(description)
  })

  it('reports a TypeError from a bug as unknown, and one from fetch as network', () => {
    expect(toAuthError(new TypeError("Cannot read properties of undefined (reading 'x')"), 'Renewing').code).toBe('unknown')
    expect(toAuthError(new TypeError('Failed to fetch'), 'Renewing').code).toBe('network')
  })

  it('takes clockSkewSeconds, and refuses one that is not a number of seconds', () => {
    expect(() => createAuthClient({ ...testConfig, clockSkewSeconds: 900 })).not.toThrow()
    expect(() => createAuthClient({ ...testConfig, clockSkewSeconds: -1 })).toThrow(/clockSkewSeconds must be a number of seconds/)
  })

})

describe('PKCE and the callback page', () => {
  it('refuses to sign in at an IdP that says it does not support PKCE S256', async () => {
    alterDiscovery((document) => ({ ...document, code_challenge_methods_supported: ['plain'] }))
    const { client, navigate } = loadApp()
    await expect(client.login()).rejects.toMatchObject({ code: 'config', message: expect.stringContaining('PKCE with S256') })
    expect(navigate).not.toHaveBeenCalled()
  })

  it('relays nothing when the callback page is framed by another origin', () => {
    const posted = vi.spyOn(BroadcastChannel.prototype, 'postMessage')
    const foreignParent = { get location(): Location { throw new DOMException('Blocked a frame with another origin', 'SecurityError') }, postMessage: vi.fn() }
    vi.spyOn(window, 'parent', 'get').mockReturnValue(foreignParent as unknown as Window)
    window.history.replaceState(null, '', '/popup-callback.html?code=c&state=s')
    relayAuthCallback()
    expect(posted).not.toHaveBeenCalled()
    expect(foreignParent.postMessage).not.toHaveBeenCalled()
  })

  it('refuses a renewed ID token from another sign-in of the same user (auth_time changed), and ends the session', async () => {
    await signInThroughIdp()
    const { client } = loadApp()
    await client.start()
    // OpenID Connect Core §12.2: a refreshed ID token keeps the sign-in's auth_time.
    forgeIssuedIdTokens((claims) => ({ ...claims, auth_time: Number(claims['auth_time'] ?? 0) + 600 }))
    await expect(client.renew()).rejects.toMatchObject({ code: 'refresh_failed', cause: { code: 'invalid_token' } })
    expect(client.getState()).toMatchObject({ status: 'anonymous', user: null })
  })

  it('refuses a renewed ID token that names another user, and ends the session', async () => {
    await signInThroughIdp()
    const { client } = loadApp()
    await client.start()
    expect(client.getState().user?.profile.sub).toBe('alice')
    // Only `sub` is changed here.
    forgeIssuedIdTokens((claims) => ({ ...claims, sub: 'mallory' }))
    await expect(client.renew()).rejects.toMatchObject({ code: 'refresh_failed' })
    expect(client.getState()).toMatchObject({ status: 'anonymous', user: null })
    expect(JSON.stringify({ ...window.sessionStorage })).not.toMatch(/mallory|accessToken/)
  })
})
