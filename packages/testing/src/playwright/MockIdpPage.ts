import { expect, type Page } from '@playwright/test'

/** A mock IdP user's login, such as `{ username: 'alice', password: 'alice' }`. */
export interface MockIdpCredentials {
  /** The name typed into the login page. */
  username: string
  /** The password typed into the login page. */
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
    /** The mock IdP's issuer URL, such as `http://127.0.0.1:9400`. */
    readonly issuer: string,
  ) {}

  /** Waits until the page shows the mock IdP's login page. */
  async expectLoginPage(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.href.startsWith(`${this.issuer}/`))
    await expect(this.page.getByRole('heading', { name: /sign in/i })).toBeVisible()
  }

  /** Fills in and submits the login page, which must be showing (or about to). */
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

  /** The requests the IdP has had since its journal was last cleared, oldest first. */
  async journal(): Promise<MockIdpJournalEntry[]> {
    const response = await this.page.request.get(`${this.issuer}/__mock/journal`)
    return ((await response.json()) as { entries: MockIdpJournalEntry[] }).entries
  }

  /** How many token requests of this grant type the IdP has had since its journal was last cleared. */
  async tokenRequests(grantType: 'authorization_code' | 'refresh_token'): Promise<number> {
    return (await this.journal()).filter((entry) => entry.grantType === grantType).length
  }

  /**
   * How many refresh token requests the IdP answered with `invalid_grant` since its journal was last
   * cleared: the refresh token was rejected, by a fault or because it had been used before.
   */
  async invalidGrants(): Promise<number> {
    return (await this.journal()).filter(
      (entry) => entry.grantType === 'refresh_token' && entry.error === 'invalid_grant',
    ).length
  }

  /** How many revocation requests (RFC 7009) the IdP has had since its journal was last cleared. */
  async revocations(): Promise<number> {
    return (await this.journal()).filter((entry) => entry.path === '/token/revocation').length
  }

  /** Switches the IdP's faults (see @latchkey/mock-idp's MockFault); an empty list clears them. */
  async setFaults(faults: readonly string[]): Promise<void> {
    const response = await this.page.request.post(`${this.issuer}/__mock/faults`, { data: { faults } })
    expect(response.ok(), await response.text()).toBe(true)
  }

  /** Changes IdP settings at run time, such as `{ consent: 'prompt' }` or `{ coop: true }`. */
  async configure(settings: Readonly<Record<string, unknown>>): Promise<void> {
    const response = await this.page.request.post(`${this.issuer}/__mock/settings`, { data: settings })
    expect(response.ok(), await response.text()).toBe(true)
  }

  /** Clears faults and the journal. */
  async reset(): Promise<void> {
    await this.page.request.delete(`${this.issuer}/__mock/faults`)
    await this.page.request.delete(`${this.issuer}/__mock/journal`)
  }
}

/** One request the mock IdP had, as its journal (`GET /__mock/journal`) lists it. */
export interface MockIdpJournalEntry {
  /** When it arrived, as an ISO 8601 date and time. */
  at: string
  /** The HTTP method. */
  method: string
  /** The path, such as `/token`. */
  path: string
  /** The HTTP status the IdP answered with. */
  status: number
  /** For token requests, the `grant_type`, such as `refresh_token`. */
  grantType?: string
  /** The `error` of the JSON error body the IdP answered with, such as `invalid_grant`. */
  error?: string
}
