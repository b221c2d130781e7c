import { expect, type Fixtures as PlaywrightFixtures, type Page, type PlaywrightTestArgs, type PlaywrightWorkerArgs } from '@playwright/test'

export interface TestUser {
  username: string
  password: string
  name: string
}

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

  /** The auth error the app shows in its banner. */
  errorBanner() {
    return this.page.getByRole('main').getByRole('alert').first()
  }
}

/** Console errors a test expects, such as the failed load of a request it made fail on purpose. */
export interface ConsoleErrors {
  allow(pattern: RegExp): void
}

interface Fixtures {
  app: DemoApp
  consoleErrors: ConsoleErrors
}

export interface DemoFixtures {
  app: DemoApp
  consoleErrors: ConsoleErrors
}

/**
 * Every test fails on a console error or an uncaught exception in any page, the IdP's and popups
 * included, unless the test allowed it; checked after the test body so the test's own failure, if
 * any, is reported first.
 */
export const demoFixtures: PlaywrightFixtures<DemoFixtures, object, PlaywrightTestArgs, PlaywrightWorkerArgs> = {
  consoleErrors: [
    async ({ context }, use) => {
      const errors: string[] = []
      const allowed: RegExp[] = []
      const watch = (page: Page) => {
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`)
        })
        page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`))
      }
      context.pages().forEach(watch)
      context.on('page', watch)
      await use({ allow: (pattern) => allowed.push(pattern) })
      expect(
        errors.filter((error) => !allowed.some((pattern) => pattern.test(error))),
        'console errors',
      ).toEqual([])
    },
    { auto: true },
  ],
  app: async ({ page }, use) => {
    await use(new DemoApp(page))
  },
}

/** Resolves once the popup has closed, including when it closed before anyone started waiting. */
export async function closed(popup: Page): Promise<void> {
  if (!popup.isClosed()) await popup.waitForEvent('close')
}
