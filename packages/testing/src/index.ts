export { createTestAuthClient, type TestAuthClient, type TestAuthClientOptions, type TestUser } from './createTestAuthClient.js'
