export { MockIdpPage, type MockIdpCredentials } from './MockIdpPage.js'
