import { setTimeout as pause } from 'node:timers/promises'
import type { BrowserContext, Locator, Page } from '@playwright/test'
import type { MockIdpJournalEntry, MockIdpPage } from '@latchkey/testing/playwright'
import { alice, DemoApp, expect, test } from './fixtures.js'
import { appOrigin } from './ports.js'

// Cross-tab renewal: five tabs of one browser share one sign-in and one refresh token chain. The
// mock IdP rotates refresh tokens and revokes the whole grant when a used one comes back, so two tabs
// refreshing with the same token sign everybody out. The regression test for the issue "multi-tab
// renewal": one sign-in, about one refresh per token lifetime, no invalid_grant, nobody signed out.

const tabCount = 5
const accessTokenTtlSeconds = 5
/** How long every tab keeps calling the API: the scenario, not a wait for anything. */
const scenarioMs = 30_000
/** Each tab calls the API about this often. */
const callEveryMs = 1_000
/** One refresh per token lifetime, with room for renewing ahead of expiry; tabs that each refreshed on their own would make five. */
const maxRefreshesPerExpiry = 1.25
/** Where the demo reads its session storage choice (apps/demo/src/demoStorage.ts). */
const demoStorageKey = 'latchkey-demo:storage'

for (const storage of ['session', 'local'] as const) {
  test.describe(`${tabCount} tabs with ${storage} storage`, () => {
    test(`one sign-in, about one refresh per ${accessTokenTtlSeconds} s token, no invalid_grant, every tab still signed in`, async ({ context, page, idp, app }) => {
      test.setTimeout(scenarioMs + 30_000)
      await chooseStorage(context, storage)
      await idp.configure({ accessTokenTtl: accessTokenTtlSeconds })

      await page.goto('/profile')
      await idp.signInAs(alice)
      await app.expectSignedInAs(alice)
      const signedInAt = Date.now()
      await page.getByRole('link', { name: 'Orders' }).click()
      const tabs = [new OrdersTab(page)]
      for (let opened = 1; opened < tabCount; opened += 1) tabs.push(await openSignedInTab(context))
      await expect(tabs[0]!.list).toBeVisible()

      const stops = await Promise.all(tabs.map((tab) => tab.callApiUntil(Date.now() + scenarioMs)))
      const expiries = Math.ceil((Date.now() - signedInAt) / 1000 / accessTokenTtlSeconds)
      const requests = tallyRequests(await idp.journal(), await authorizationPath(idp))

      // Soft, so one run reports every number that is off.
      expect.soft(requests.authorizations, 'authorization requests (new tabs take the session over)').toBe(1)
      expect.soft(requests.invalidGrants, 'refreshes answered invalid_grant').toBe(0)
      expect.soft(requests.refreshes, `refreshes over ${expiries} expiries`).toBeGreaterThanOrEqual(1)
      expect.soft(requests.refreshes, `refreshes over ${expiries} expiries`).toBeLessThanOrEqual(maxRefreshesPerExpiry * expiries)
      expect.soft(stops, 'tabs that stopped calling the API').toEqual(tabs.map(() => null))
      // The end state, already there: no need to wait the default 10 s on each tab that is not.
      for (const [index, tab] of tabs.entries()) {
        await expect.soft(tab.page.getByRole('banner'), `tab ${index + 1}`).toContainText(`Signed in as ${alice.name}`, { timeout: 1_000 })
        await expect.soft(tab.failedCalls, `failed API calls in tab ${index + 1}`).toHaveText('0', { timeout: 1_000 })
      }
    })
  })
}

/** The demo reads its storage choice when it loads, so it is set before any page of the context does. */
async function chooseStorage(context: BrowserContext, storage: 'session' | 'local'): Promise<void> {
  // Init scripts run in every document, the IdP's and a new tab's about:blank included (where localStorage throws).
  await context.addInitScript(
    ([origin, key, value]) => {
      if (location.origin === origin) localStorage.setItem(key, value)
    },
    [appOrigin, demoStorageKey, storage] as const,
  )
}

/** A new tab on the orders page: it starts signed in from the other tabs, without going to the IdP. */
async function openSignedInTab(context: BrowserContext): Promise<OrdersTab> {
  const tab = new OrdersTab(await context.newPage())
  await tab.page.goto('/orders')
  await new DemoApp(tab.page).expectSignedInAs(alice)
  await expect(tab.list).toBeVisible()
  return tab
}

/** The demo's orders page in one tab: it calls the demo API through `auth.fetch` on each reload. */
class OrdersTab {
  readonly list: Locator
  readonly failedCalls: Locator
  private readonly loadedCalls: Locator
  private readonly reloadButton: Locator

  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: 'Orders' })
    this.failedCalls = page.getByTestId('orders-failed')
    this.loadedCalls = page.getByTestId('orders-loaded')
    this.reloadButton = page.getByRole('button', { name: 'Reload orders' })
  }

  /** Reloads the orders about once a second until `deadline`; null, or why it had to stop. */
  async callApiUntil(deadline: number): Promise<string | null> {
    while (Date.now() < deadline) {
      const next = Date.now() + callEveryMs
      try {
        await this.reloadOrders()
      } catch (error) {
        if (!(await this.reloadButton.isVisible())) return 'signed out: the orders page is gone'
        return error instanceof Error ? error.message.split('\n')[0]! : String(error)
      }
      await pause(Math.max(0, next - Date.now()))
    }
    return null
  }

  /** Clicks "Reload orders" and waits until the API call has an answer, good or bad. */
  private async reloadOrders(): Promise<void> {
    // Short timeouts: a tab that was signed out has left the orders page, and stops at once.
    await expect(this.reloadButton).toBeVisible({ timeout: 1_000 })
    const before = await this.answeredCalls()
    await this.reloadButton.click()
    await expect.poll(() => this.answeredCalls(), { message: 'an answer from the API', timeout: 5_000 }).toBe(before + 1)
  }

  private async answeredCalls(): Promise<number> {
    const read = async (count: Locator) => Number(await count.textContent({ timeout: 1_000 }))
    return (await read(this.loadedCalls)) + (await read(this.failedCalls))
  }
}

interface RequestTally {
  authorizations: number
  refreshes: number
  invalidGrants: number
}

function tallyRequests(entries: readonly MockIdpJournalEntry[], authorizationEndpointPath: string): RequestTally {
  const refreshes = entries.filter((entry) => entry.grantType === 'refresh_token')
  return {
    authorizations: entries.filter((entry) => entry.path === authorizationEndpointPath).length,
    refreshes: refreshes.length,
    invalidGrants: refreshes.filter((entry) => entry.error === 'invalid_grant').length,
  }
}

/** The authorization endpoint's path, from the IdP's discovery document (the resumes after login are below it). */
async function authorizationPath(idp: MockIdpPage): Promise<string> {
  const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`)
  const { authorization_endpoint } = (await response.json()) as { authorization_endpoint: string }
  return new URL(authorization_endpoint).pathname
}
