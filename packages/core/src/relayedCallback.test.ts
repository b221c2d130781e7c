import { describe, expect, it, vi } from 'vitest'
import { followAuthorization } from '@latchkey/mock-idp'
import { fakePopup } from './test/fakePopup.js'
import { appOrigin, loadApp, signInThroughIdp, testIdp as idp } from './test/signInThroughIdp.js'

describe('popup sign-in without a callback page of its own', () => {
  it("comes back to the app's redirect URI, where the app relays the answer to its opener and redeems nothing", async () => {
    const { popup, url } = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const opener = loadApp()
    await opener.client.start()
    const signingIn = opener.client.login({ mode: 'popup' })
    const authorizationUrl = new URL(await url)
    expect(authorizationUrl.searchParams.get('redirect_uri')).toBe(`${appOrigin}/callback`)
    const result = await followAuthorization(authorizationUrl, { redirectUri: `${appOrigin}/callback`, username: 'alice' })

    // The app's own bundle, loaded in the popup on the callback URL.
    window.history.replaceState(null, '', result.callbackUrl?.href ?? '')
    const closed = vi.spyOn(window, 'close').mockImplementation(() => undefined)
    const inPopup = loadApp()
    expect(inPopup.client.getState()).toMatchObject({ status: 'loading', pending: 'callback' })
    await inPopup.client.start()
    expect(closed).toHaveBeenCalled()
    expect(window.location.search).toBe('')

    await signingIn
    expect(opener.client.getState()).toMatchObject({ status: 'authenticated', error: null })
    expect(inPopup.client.getState()).toMatchObject({ status: 'loading', pending: 'callback' })
    expect(await idp.tokenRequests('authorization_code')).toBe(1)
  })
})

describe('a redirect callback', () => {
  it("is 'callback' from the first state until the URL is back on returnTo, so a router waiting for it never sees the code", async () => {
    await signInThroughIdp({ returnTo: '/orders?page=2' })
    const { client } = loadApp()
    expect(client.getState().pending).toBe('callback')
    const pathsWhenCallbackEnded: string[] = []
    client.subscribe(() => {
      if (client.getState().pending !== 'callback' && pathsWhenCallbackEnded.length === 0) {
        pathsWhenCallbackEnded.push(`${window.location.pathname}${window.location.search}`)
      }
    })
    await client.start()
    expect(client.getState().status).toBe('authenticated')
    expect(pathsWhenCallbackEnded).toEqual(['/orders?page=2'])
  })
})
