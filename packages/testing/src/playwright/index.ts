export { MockIdpPage, type MockIdpCredentials, type MockIdpJournalEntry } from './MockIdpPage.js'
export { mockIdpFixtures, type MockIdpFixtureOptions, type MockIdpFixtures } from './mockIdpFixtures.js'
