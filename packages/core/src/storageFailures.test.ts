import { describe, expect, it, vi } from 'vitest'
import { followLogin, loadApp, signInThroughIdp, testIdp as idp } from './test/signInThroughIdp.js'

function quotaExceeded(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError')
}

/** Makes the given storages refuse every write, as a full one does. */
function fill(...storages: Storage[]): void {
  const setItem = Storage.prototype.setItem
  vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, key: string, value: string) {
    if (storages.includes(this)) throw quotaExceeded()
    setItem.call(this, key, value)
  })
}

/** Makes reading `window.localStorage` and `window.sessionStorage` throw, as blocking site data does. */
function blockSiteData(): void {
  const refused = () => {
    throw new DOMException('Access is denied for this document.', 'SecurityError')
  }
  vi.spyOn(window, 'localStorage', 'get').mockImplementation(refused)
  vi.spyOn(window, 'sessionStorage', 'get').mockImplementation(refused)
}

describe('storage the browser refuses', () => {
  it('signs in by redirect when localStorage is full', async () => {
    fill(window.localStorage)
    const { client, navigate } = loadApp()
    await client.start()
    await client.login()
    await followLogin(navigate)
    const callback = loadApp().client
    await callback.start()
    expect(callback.getState()).toMatchObject({ status: 'authenticated', error: null })
  })

  it('says why, with code "storage", when no storage can keep a redirect sign-in, and does not navigate', async () => {
    fill(window.localStorage, window.sessionStorage)
    const { client, navigate } = loadApp()
    await client.start()
    await expect(client.login()).rejects.toMatchObject({ code: 'storage' })
    expect(client.getState()).toMatchObject({ pending: null })
    expect(client.getState().error?.message).toMatch(/popup/)
    expect(navigate).not.toHaveBeenCalled()
  })

  it('keeps the tokens of a callback completed with a full sessionStorage, for this page', async () => {
    await signInThroughIdp()
    fill(window.sessionStorage)
    const { client } = loadApp()
    await client.start()
    expect(client.getState()).toMatchObject({ status: 'authenticated', error: null })
    expect(await client.getAccessToken()).toMatch(/^ey/)
  })

  it('keeps the user signed in when a renewal cannot be written to a full sessionStorage', async () => {
    await signInThroughIdp()
    const { client } = loadApp()
    await client.start()
    const before = await client.getAccessToken()
    fill(window.sessionStorage)
    await client.renew()
    expect(client.getState()).toMatchObject({ status: 'authenticated', error: null })
    expect(await client.getAccessToken()).not.toBe(before)
  })

  it('works with storage "memory" when site data is blocked, and says why a redirect sign-in cannot', async () => {
    blockSiteData()
    const { client, navigate } = loadApp({ storage: 'memory' })
    await client.start()
    expect(client.getState()).toMatchObject({ status: 'anonymous', error: null })
    await expect(client.login()).rejects.toMatchObject({ code: 'storage' })
    expect(navigate).not.toHaveBeenCalled()
  })
})
