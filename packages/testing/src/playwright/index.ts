export { MockIdpPage, type MockIdpCredentials, type MockIdpJournalEntry } from './MockIdpPage.js'
