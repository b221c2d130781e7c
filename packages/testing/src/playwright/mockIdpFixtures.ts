import { expect, type Fixtures, type Page, type PlaywrightTestArgs, type PlaywrightTestOptions } from '@playwright/test'
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
        await useResetIdp(new MockIdpPage(page, issuer), settings, use)
      },
      { auto: true },
    ],
    signIn: async ({ page, idp }, use) => {
      await use(signInThrough(page, idp))
    },
  }
}

/** Hands `idp` to the test with no faults, an empty journal and `settings`, and leaves it so afterwards. */
export async function useResetIdp(idp: MockIdpPage, settings: Readonly<Record<string, unknown>> | undefined, use: (idp: MockIdpPage) => Promise<void>): Promise<void> {
  const restore = async () => {
    await idp.reset()
    if (settings) await idp.configure(settings)
  }
  await restore()
  await use(idp)
  await restore()
}

/** The `signIn` fixture: opens `path`, signs in at `idp`, and resolves once the app has redeemed its code. */
export function signInThrough(page: Page, idp: MockIdpPage): MockIdpFixtures['signIn'] {
  return async (user, path = '/') => {
    const redeemed = async () => (await idp.journal()).filter((entry) => entry.grantType === 'authorization_code' && entry.status === 200).length
    const before = await redeemed()
    await page.goto(path)
    await idp.signInAs(user)
    await page.waitForURL((url) => !url.href.startsWith(`${idp.issuer}/`) && !url.searchParams.has('code'))
    await expect.poll(redeemed, { message: 'the app redeemed its code at the mock IdP' }).toBeGreaterThan(before)
  }
}
