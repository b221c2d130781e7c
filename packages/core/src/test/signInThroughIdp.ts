import { inject, vi } from 'vitest'
import { CookieJar, followAuthorization, type JournalEntry, type MockFault } from '@latchkey/mock-idp'
import type { AuthClient } from '../AuthClient.js'
import type { AuthClientConfig } from '../AuthClientConfig.js'
import type { AuthFeature } from '../AuthFeature.js'
import { authFetch } from '../authFetch.js'
import { createAuthClient } from '../createAuthClient.js'
import { popup } from '../popup.js'
import { silentRenewal } from '../silentRenewal.js'
import { tabSync, tabSyncWith } from '../tabSync.js'
import { createFakeLockManager } from './fakeLockManager.js'
import { createMemoryLineageRecord } from './memoryLineageRecord.js'

export const appOrigin = 'http://127.0.0.1:5173'

/** The mock IdP from vitest.mockIdp.ts, driven over its HTTP control endpoints. */
export const testIdp = {
  issuer: inject('idpIssuer'),
  async setFault(fault: MockFault): Promise<void> {
    await this.setFaults([fault])
  },
  /** Replaces the active faults with these. */
  async setFaults(faults: readonly MockFault[]): Promise<void> {
    await fetch(`${this.issuer}/__mock/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ faults }) })
  },
  async configure(settings: { accessTokenTtl?: number; requireDpopNonce?: boolean; deviceCodeInterval?: number }): Promise<void> {
    await fetch(`${this.issuer}/__mock/settings`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(settings) })
  },
  async journal(): Promise<JournalEntry[]> {
    return ((await (await fetch(`${this.issuer}/__mock/journal`)).json()) as { entries: JournalEntry[] }).entries
  },
  async tokenRequests(grantType: 'authorization_code' | 'refresh_token'): Promise<number> {
    return (await this.journal()).filter((entry) => entry.grantType === grantType).length
  },
  async invalidGrants(): Promise<number> {
    return (await this.journal()).filter((entry) => entry.error === 'invalid_grant').length
  },
  async revocations(): Promise<number> {
    return (await this.journal()).filter((entry) => entry.path === '/token/revocation').length
  },
  async clearJournal(): Promise<void> {
    await fetch(`${this.issuer}/__mock/journal`, { method: 'DELETE' })
  },
  async reset(): Promise<void> {
    await fetch(`${this.issuer}/__mock/faults`, { method: 'DELETE' })
    await this.clearJournal()
    await this.configure({ accessTokenTtl: 300, requireDpopNonce: false, deviceCodeInterval: 5 })
  },
}

/** Every feature, as the demo has them; a test of an app without one passes `features` itself. */
export const allFeatures: readonly AuthFeature[] = [popup(), tabSync(), silentRenewal(), authFetch()]

export const testConfig = {
  authority: testIdp.issuer,
  clientId: 'spa',
  scope: 'openid profile email offline_access orders:read',
  features: allFeatures,
} satisfies AuthClientConfig

const openClients = new Set<AuthClient>()

/** Detaches every client the test built, so none of them hears the next test's tabs. */
export function disposeApps(): void {
  for (const client of openClients) client.dispose()
  openClients.clear()
}

function track<T extends { client: AuthClient }>(app: T): T {
  openClients.add(app.client)
  return app
}

/** One page load of the app: a fresh client on whatever URL the window has now. */
export function loadApp(config: Partial<AuthClientConfig> = {}) {
  const navigate = vi.fn<(url: string) => void>()
  return track({ client: createAuthClient({ ...testConfig, navigate, ...config }), navigate })
}

/** The browser that the simulated tabs of one test share: one lock manager, one IndexedDB. */
export function createBrowser() {
  return { locks: createFakeLockManager(), record: createMemoryLineageRecord() }
}

/**
 * One page load in a tab of `browser`: with Web Locks, IndexedDB and BroadcastChannel, as in a
 * browser. With `storage: 'memory'` each tab keeps its own session, as sessionStorage does per tab.
 */
export function loadTab(browser: ReturnType<typeof createBrowser>, config: Partial<AuthClientConfig> = {}) {
  const sharedTabs = tabSyncWith(() => ({ ...browser, createChannel: (name) => new BroadcastChannel(name) }))
  return loadApp({ features: [popup(), silentRenewal(), authFetch(), sharedTabs], ...config })
}

/** Sends the user through the IdP for the login() that `navigate` saw, and leaves the window on the callback URL. */
export async function followLogin(navigate: { mock: { calls: [string][] } }, { username = 'alice', jar = new CookieJar() } = {}): Promise<string> {
  const authorizationUrl = navigate.mock.calls.at(-1)?.[0]
  if (!authorizationUrl) throw new Error('login() did not navigate')
  const result = await followAuthorization(authorizationUrl, { redirectUri: `${appOrigin}/callback`, username, jar })
  if (!result.callbackUrl) throw new Error(`the IdP did not redirect back: ${result.page?.html ?? ''}`)
  window.history.replaceState(null, '', result.callbackUrl.href)
  return result.callbackUrl.href
}

/** Starts a login, lets the user sign in at the mock IdP, and leaves the window on the callback URL. */
export async function signInThroughIdp({
  username = 'alice',
  returnTo = '/profile?tab=claims',
  appState = undefined as unknown,
  jar = new CookieJar(),
  clientId = testConfig.clientId as string,
} = {}): Promise<string> {
  const { client, navigate } = loadApp({ clientId })
  await client.start()
  await client.login({ returnTo, appState })
  return followLogin(navigate, { username, jar })
}

/** Resolves once `client`'s state passes `check`, now or after a later change. */
export function stateWhere(client: AuthClient, check: (state: ReturnType<AuthClient['getState']>) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check(client.getState())) return resolve()
    const stop = client.subscribe(() => {
      if (check(client.getState())) {
        stop()
        resolve()
      }
    })
  })
}

/** Resolves when the client sends its next request to the IdP's token endpoint. */
export function nextTokenRequest(): Promise<void> {
  const realFetch = globalThis.fetch
  return new Promise((resolve) => {
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const request = new Request(input, init)
      if (request.method === 'POST' && request.url.endsWith('/token')) resolve()
      return realFetch(input, init)
    })
  })
}
