import { afterEach, describe, expect, it } from 'vitest'
import { CookieJar, followAuthorization } from '@latchkey/mock-idp'
import { callbackChannelName } from './callbackChannel.js'
import { appOrigin, loadApp, signInThroughIdp, testIdp } from './test/signInThroughIdp.js'

const clientId = 'spa-no-refresh'

afterEach(async () => {
  window.sessionStorage.clear()
  window.localStorage.clear()
  window.history.replaceState(null, '', '/')
  document.body.innerHTML = ''
  await testIdp.reset()
})

/**
 * Plays the browser's part in the hidden iframe: once the client adds it, load its URL with the
 * IdP cookies in `jar` and broadcast where the IdP sent it, as the callback page does.
 */
async function actAsIframe(jar: CookieJar): Promise<string> {
  const iframe = await new Promise<HTMLIFrameElement>((resolve) => {
    const observer = new MutationObserver(() => {
      const found = document.querySelector('iframe')
      if (found) {
        observer.disconnect()
        resolve(found)
      }
    })
    observer.observe(document.body, { childList: true })
  })
  const authorizationUrl = new URL(iframe.src)
  const result = await followAuthorization(authorizationUrl, { redirectUri: `${appOrigin}/callback`, jar })
  const channel = new BroadcastChannel(callbackChannelName)
  channel.postMessage({ type: 'latchkey:callback', url: result.callbackUrl?.href ?? '' })
  channel.close()
  return authorizationUrl.searchParams.get('prompt') ?? ''
}

describe('silent renewal in a hidden iframe, for an IdP that issues no refresh token', () => {
  it('renews with prompt=none while the IdP session lives', async () => {
    const jar = new CookieJar()
    await signInThroughIdp({ clientId, jar })
    const { client } = loadApp({ clientId })
    await client.start()
    const before = await client.getAccessToken()
    const [prompt] = await Promise.all([actAsIframe(jar), client.renew()])
    expect(prompt).toBe('none')
    expect(await client.getAccessToken()).not.toBe(before)
    expect(client.getState()).toMatchObject({ status: 'authenticated', error: null })
    expect(document.querySelector('iframe')).toBeNull()
  })

  it('says third-party cookies may be blocked when the IdP answers login_required', async () => {
    await signInThroughIdp({ clientId })
    const { client } = loadApp({ clientId })
    await client.start()
    // A jar without the IdP's cookies is what an iframe gets when the browser blocks third-party cookies.
    const [, outcome] = await Promise.all([actAsIframe(new CookieJar()), client.renew().catch((error: unknown) => error)])
    expect(outcome).toMatchObject({ code: 'login_required' })
    expect(client.getState().error?.message).toMatch(/third-party cookie/)
    expect(client.getState().status).toBe('anonymous')
  })
})
