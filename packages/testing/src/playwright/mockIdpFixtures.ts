import { expect, type Fixtures, type PlaywrightTestArgs, type PlaywrightTestOptions } from '@playwright/test'
import { MockIdpPage, type MockIdpCredentials } from './MockIdpPage.js'

/** The fixtures `mockIdpFixtures()` adds to Playwright's `test`. */
export interface MockIdpFixtures {
  /** The mock IdP, with faults and its journal cleared before and after each test. */
  idp: MockIdpPage
  /**
   * Opens `path` on the app (a guarded page sends the browser to the IdP) and signs in as `user`
   * there. Resolves once the app is signed in: the IdP has answered the app's code redemption and the
   * browser is back on the app with the callback URL gone.
   */
  signIn: (user: MockIdpCredentials, path?: string) => Promise<void>
}

/** Options of `mockIdpFixtures()`. */
export interface MockIdpFixtureOptions {
  /** The mock IdP's issuer URL, such as `http://127.0.0.1:9400`. Required. */
  issuer: string
  /** Settings to restore around each test, as `POST /__mock/settings` takes them. Default: none. */
  settings?: Readonly<Record<string, unknown>>
}

/**
 * Playwright fixtures for an app that signs in against `@latchkey/mock-idp`.
 *
 * @example
 * export const test = base.extend(mockIdpFixtures({ issuer: 'http://127.0.0.1:9400' }))
 * test('profile', async ({ page, signIn }) => {
 *   await signIn({ username: 'alice', password: 'alice' }, '/profile')
 *   await expect(page.getByText('Alice Liddell')).toBeVisible()
 * })
 */
export function mockIdpFixtures({ issuer, settings }: MockIdpFixtureOptions): Fixtures<MockIdpFixtures, object, PlaywrightTestArgs & PlaywrightTestOptions> {
  return {
    idp: [
      async ({ page }, use) => {
        const idp = new MockIdpPage(page, issuer)
        const restore = async () => {
          await idp.reset()
          if (settings) await idp.configure(settings)
        }
        await restore()
        await use(idp)
        await restore()
      },
      { auto: true },
    ],
    signIn: async ({ page, idp }, use) => {
      await use(async (user, path = '/') => {
        const redeemed = async () => (await idp.journal()).filter((entry) => entry.grantType === 'authorization_code' && entry.status === 200).length
        const before = await redeemed()
        await page.goto(path)
        await idp.signInAs(user)
        await page.waitForURL((url) => !url.href.startsWith(`${issuer}/`) && !url.searchParams.has('code'))
        await expect.poll(redeemed, { message: 'the app redeemed its code at the mock IdP' }).toBeGreaterThan(before)
      })
    },
  }
}
