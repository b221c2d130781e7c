import { describe, expect, it, vi } from 'vitest'
import { followAuthorization } from '@latchkey/mock-idp'
import { relayAuthCallback } from './relayAuthCallback.js'
import { appOrigin, loadApp, testIdp as idp } from './test/signInThroughIdp.js'

/** A popup window as the client sees it: it learns where it is sent. */
function fakePopup() {
  let sentTo: (url: string) => void = () => undefined
  const url = new Promise<string>((resolve) => {
    sentTo = resolve
  })
  const popup = {
    closed: false,
    close() {
      popup.closed = true
    },
    location: {
      set href(value: string) {
        if (value !== 'about:blank') sentTo(value)
      },
    },
  }
  return { popup, url }
}

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
    const result = await followAuthorization(await url, { redirectUri: `${appOrigin}/popup-callback.html`, username: 'alice' })
    // What relayAuthCallback() in the popup does when there is no BroadcastChannel.
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'latchkey:callback', url: result.callbackUrl?.href }, origin: appOrigin }))
    await signingIn
    expect(client.getState()).toMatchObject({ status: 'authenticated', error: null })
    expect(popup.closed).toBe(true)
  })
})
