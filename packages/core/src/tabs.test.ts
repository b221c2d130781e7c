import { describe, expect, it, vi } from 'vitest'
import type { AuthClientConfig } from './AuthClientConfig.js'
import { createBrowser, followLogin, loadTab, nextTokenRequest, stateWhere, testIdp as idp } from './test/signInThroughIdp.js'

type Browser = ReturnType<typeof createBrowser>

/** Signs in through the IdP in a tab of `browser`; returns the tab after its callback page loaded. */
async function signInTab(browser: Browser, config: Partial<AuthClientConfig> = {}) {
  const start = loadTab(browser, config)
  await start.client.start()
  await start.client.login({ returnTo: '/' })
  await followLogin(start.navigate)
  const tab = loadTab(browser, config)
  await tab.client.start()
  expect(tab.client.getState().status).toBe('authenticated')
  return tab.client
}

/** `count` more tabs of `browser`, started. */
async function openTabs(browser: Browser, count: number, config: Partial<AuthClientConfig> = {}) {
  const tabs = Array.from({ length: count }, () => loadTab(browser, config).client)
  await Promise.all(tabs.map((tab) => tab.start()))
  return tabs
}

// 'memory' with shareSession keeps a session per tab, as sessionStorage does in a browser; jsdom has one sessionStorage for all.
const perTabStorage = { storage: 'memory', shareSession: true } as const

describe('tabs sharing one session', () => {
  it('starts a new tab signed in, handed over by an open tab, without a trip to the IdP', async () => {
    const browser = createBrowser()
    const first = await signInTab(browser, perTabStorage)
    const [second] = await openTabs(browser, 1, perTabStorage)
    expect(second?.getState().user?.profile.name).toBe('Alice Liddell')
    expect(await second?.getAccessToken()).toBe(await first.getAccessToken())
    expect((await idp.journal()).filter((entry) => entry.path === '/token')).toHaveLength(1)
  })

  it('starts a new tab anonymous at once when no tab has a session', async () => {
    const [tab] = await openTabs(createBrowser(), 1, perTabStorage)
    expect(tab?.getState()).toMatchObject({ status: 'anonymous', error: null })
  })

  it('signs in the open tabs when one tab signs in', async () => {
    const browser = createBrowser()
    const [other] = await openTabs(browser, 1, perTabStorage)
    expect(other?.getState().status).toBe('anonymous')
    await signInTab(browser, perTabStorage)
    await stateWhere(other!, (state) => state.status === 'authenticated')
    expect(other?.getState().user?.profile.sub).toBe('alice')
  })

  it('signs out every tab when one signs out', async () => {
    const browser = createBrowser()
    const first = await signInTab(browser, perTabStorage)
    const others = await openTabs(browser, 2, perTabStorage)
    await first.logout({ mode: 'local' })
    await Promise.all(others.map((tab) => stateWhere(tab, (state) => state.status === 'anonymous')))
    await Promise.all(others.map((tab) => expect(tab.getAccessToken()).rejects.toMatchObject({ code: 'login_required' })))
  })

  for (const storage of ['session', 'local'] as const) {
    it(`renews once for five tabs that all reach for the refresh token at once (storage "${storage}")`, async () => {
      const browser = createBrowser()
      const config = storage === 'session' ? perTabStorage : { storage }
      const first = await signInTab(browser, config)
      const tabs = [first, ...(await openTabs(browser, 4, config))]
      const tokens = await Promise.all(tabs.map((tab) => tab.getAccessToken({ minValidity: 100_000 })))
      expect(await idp.tokenRequests('refresh_token')).toBe(1)
      expect(await idp.invalidGrants()).toBe(0)
      expect(new Set(tokens).size).toBe(1)
      expect(tabs.map((tab) => tab.getState().status)).toEqual(Array(5).fill('authenticated'))
    })
  }

  it('does not reuse a refresh token that another tab spent while this one was not listening', async () => {
    const browser = createBrowser()
    const first = await signInTab(browser, perTabStorage)
    const [second] = await openTabs(browser, 1, perTabStorage)
    second?.dispose()
    await first.renew()
    await second?.start()
    await second?.renew()
    expect(await idp.tokenRequests('refresh_token')).toBe(1)
    expect(await idp.invalidGrants()).toBe(0)
    expect(await second?.getAccessToken()).toBe(await first.getAccessToken())
    // The spent token stays spent: the next renewal, from either tab, works.
    await second?.renew()
    await first.getAccessToken()
    expect(await idp.invalidGrants()).toBe(0)
    expect(first.getState().status).toBe('authenticated')
  })

  it('takes turns with a duplicated tab that holds a copy of the same session', async () => {
    const browser = createBrowser()
    const first = await signInTab(browser)
    // A duplicated tab starts with a copy of sessionStorage; jsdom's one sessionStorage is that copy.
    const [duplicate] = await openTabs(browser, 1)
    await Promise.all([first.renew(), duplicate?.renew()])
    expect(await idp.tokenRequests('refresh_token')).toBe(1)
    expect(await idp.invalidGrants()).toBe(0)
  })

  it('keeps a sign-out in another tab final for a refresh already on its way', async () => {
    const browser = createBrowser()
    const first = await signInTab(browser, perTabStorage)
    const [second] = await openTabs(browser, 1, perTabStorage)
    await idp.setFault('slow_token')
    const sent = nextTokenRequest()
    const renewing = second!.renew().catch((error: unknown) => error)
    await sent
    await first.logout({ mode: 'local', revoke: false })
    await stateWhere(second!, (state) => state.status === 'anonymous')
    await renewing
    expect(second?.getState()).toMatchObject({ status: 'anonymous', user: null })
    await expect(second!.getAccessToken()).rejects.toMatchObject({ code: 'login_required' })
    expect(first.getState().status).toBe('anonymous')
  })

  it('keeps the tokens of a memory session off the channel, and hands it to no other tab', async () => {
    const posted = vi.spyOn(BroadcastChannel.prototype, 'postMessage')
    const browser = createBrowser()
    const first = await signInTab(browser, { storage: 'memory' })
    await first.renew()
    const token = await first.getAccessToken()
    expect(posted.mock.calls.map(([message]) => JSON.stringify(message)).filter((message) => message.includes(token))).toEqual([])
    const [other] = await openTabs(browser, 1, perTabStorage)
    expect(other?.getState().status).toBe('anonymous')
  })
})
