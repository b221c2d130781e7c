import { inject, vi } from 'vitest'
import { CookieJar, followAuthorization, type JournalEntry, type MockFault } from '@latchkey/mock-idp'
import type { AuthClientConfig } from '../AuthClientConfig.js'
import { createAuthClient } from '../createAuthClient.js'

export const appOrigin = 'http://127.0.0.1:5173'

/** The mock IdP from vitest.mockIdp.ts, driven over its HTTP control endpoints. */
export const testIdp = {
  issuer: inject('idpIssuer'),
  async setFault(fault: MockFault): Promise<void> {
    await fetch(`${this.issuer}/__mock/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ faults: [fault] }) })
  },
  async journal(): Promise<JournalEntry[]> {
    return ((await (await fetch(`${this.issuer}/__mock/journal`)).json()) as { entries: JournalEntry[] }).entries
  },
  async tokenRequests(grantType: 'authorization_code' | 'refresh_token'): Promise<number> {
    return (await this.journal()).filter((entry) => entry.grantType === grantType).length
  },
  async revocations(): Promise<number> {
    return (await this.journal()).filter((entry) => entry.path === '/token/revocation').length
  },
  async reset(): Promise<void> {
    await fetch(`${this.issuer}/__mock/faults`, { method: 'DELETE' })
    await fetch(`${this.issuer}/__mock/journal`, { method: 'DELETE' })
  },
}

export const testConfig = {
  authority: testIdp.issuer,
  clientId: 'spa',
  scope: 'openid profile email offline_access orders:read',
} satisfies AuthClientConfig

/** One page load of the app: a fresh client on whatever URL the window has now. */
export function loadApp(config: Partial<AuthClientConfig> = {}) {
  const navigate = vi.fn<(url: string) => void>()
  return { client: createAuthClient({ ...testConfig, navigate, ...config }), navigate }
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
  const authorizationUrl = navigate.mock.calls[0]?.[0]
  if (!authorizationUrl) throw new Error('login() did not navigate')
  const result = await followAuthorization(authorizationUrl, { redirectUri: `${appOrigin}/callback`, username, jar })
  if (!result.callbackUrl) throw new Error(`the IdP did not redirect back: ${result.page?.html ?? ''}`)
  window.history.replaceState(null, '', result.callbackUrl.href)
  return result.callbackUrl.href
}
