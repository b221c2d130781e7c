import { describe, expect, it, vi } from 'vitest'
import { followAuthorization } from '@latchkey/mock-idp'
import { relayAuthCallback } from './relayAuthCallback.js'
import { fakePopup } from './test/fakePopup.js'
import { appOrigin, loadApp, testIdp as idp } from './test/signInThroughIdp.js'

describe('without BroadcastChannel', () => {
  it('hands the callback URL to the window that opened the popup', () => {
    vi.stubGlobal('BroadcastChannel', undefined)
    const opener = { postMessage: vi.fn() }
    Object.defineProperty(window, 'opener', { value: opener, configurable: true })
    vi.spyOn(window, 'close').mockImplementation(() => undefined)
    window.history.replaceState(null, '', '/popup-callback.html?code=c&state=s')
    expect(() => relayAuthCallback()).not.toThrow()
    expect(opener.postMessage).toHaveBeenCalledWith({ type: 'latchkey:callback', url: `${appOrigin}/popup-callback.html?code=c&state=s` }, appOrigin)
    Object.defineProperty(window, 'opener', { value: null, configurable: true })
  })

  it('signs in by popup, the result coming back by postMessage', async () => {
    vi.stubGlobal('BroadcastChannel', undefined)
    const { popup, url } = fakePopup()
    vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)
    const { client } = loadApp()
    await client.start()
    const signingIn = client.login({ mode: 'popup' })
    const result = await followAuthorization(await url, { redirectUri: `${appOrigin}/callback`, username: 'alice' })
    // What relayAuthCallback() in the popup does when there is no BroadcastChannel.
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'latchkey:callback', url: result.callbackUrl?.href }, origin: appOrigin }))
    await signingIn
    expect(client.getState()).toMatchObject({ status: 'authenticated', error: null })
    expect(popup.closed).toBe(true)
  })
})
