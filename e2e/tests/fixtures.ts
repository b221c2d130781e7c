import { test as base, expect, type Page } from '@playwright/test'
import { MockIdpPage } from '@latchkey/testing/playwright'
import { idpIssuer } from './ports.js'

export interface TestUser {
  username: string
  password: string
  name: string
}

export const alice: TestUser = { username: 'alice', password: 'alice', name: 'Alice Liddell' }
export const admin: TestUser = { username: 'admin', password: 'admin', name: 'Ada Admin' }

/** The demo app's header and pages, named after what a user does. */
export class DemoApp {
  constructor(private readonly page: Page) {}

  async expectSignedInAs(user: TestUser): Promise<void> {
    await expect(this.page.getByRole('banner').getByText(`Signed in as ${user.name}`)).toBeVisible()
  }

  async expectSignedOut(): Promise<void> {
    await expect(this.page.getByRole('banner').getByRole('button', { name: 'Sign in' })).toBeVisible()
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out', exact: true }).click()
  }
}

interface Fixtures {
  idp: MockIdpPage
  app: DemoApp
  consoleErrors: string[]
}

/**
 * Every test fails on a console error or an uncaught exception in any page, the IdP's included,
 * checked after the test body so the test's own failure, if any, is reported first.
 */
export const test = base.extend<Fixtures>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`)
      })
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`))
      await use(errors)
      expect(errors, 'console errors').toEqual([])
    },
    { auto: true },
  ],
  idp: async ({ page }, use) => {
    await use(new MockIdpPage(page, idpIssuer))
  },
  app: async ({ page }, use) => {
    await use(new DemoApp(page))
  },
})

export { expect }
