import { expect, type Page } from '@playwright/test'

export interface MockIdpCredentials {
  username: string
  password: string
}

/**
 * The mock IdP's pages as a person meets them, for Playwright tests of an app that signs in with
 * latchkey (or anything else) against `@latchkey/mock-idp`.
 *
 * @example
 * await page.goto('/profile')
 * await new MockIdpPage(page, idp.issuer).signInAs({ username: 'alice', password: 'alice' })
 */
export class MockIdpPage {
  constructor(
    private readonly page: Page,
    readonly issuer: string,
  ) {}

  async expectLoginPage(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.href.startsWith(`${this.issuer}/`))
    await expect(this.page.getByRole('heading', { name: /sign in/i })).toBeVisible()
  }

  async signInAs(user: MockIdpCredentials): Promise<void> {
    await this.expectLoginPage()
    await this.page.getByLabel('Username').fill(user.username)
    await this.page.getByLabel('Password').fill(user.password)
    await this.page.getByRole('button', { name: 'Sign in' }).click()
  }

  /** Answers the consent page (shown when the IdP runs with consent 'prompt'). */
  async answerConsent(decision: 'Allow' | 'Deny'): Promise<void> {
    await this.page.getByRole('button', { name: decision }).click()
  }

  /** How many token requests of this grant type the IdP has had since its journal was last cleared. */
  async tokenRequests(grantType: 'authorization_code' | 'refresh_token'): Promise<number> {
    const response = await this.page.request.get(`${this.issuer}/__mock/journal`)
    const { entries } = (await response.json()) as { entries: { grantType?: string }[] }
    return entries.filter((entry) => entry.grantType === grantType).length
  }
}
