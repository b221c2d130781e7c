/**
 * Playwright helpers: `MockIdpPage` and `mockIdpFixtures` for end-to-end tests against the mock IdP.
 *
 * @module @latchkey/testing/playwright
 */
export { MockIdpPage, type MockIdpCredentials, type MockIdpJournalEntry } from './MockIdpPage.js'
export { mockIdpFixtures, type MockIdpFixtureOptions, type MockIdpFixtures } from './mockIdpFixtures.js'
export { mockIdpServerFixtures, type MockIdpServerOptions, type MockIdpServerWorkerFixtures } from './mockIdpServerFixtures.js'
