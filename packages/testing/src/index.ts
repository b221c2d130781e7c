/**
 * Test helpers for apps that use latchkey: a client with a chosen user for component tests.
 *
 * @module @latchkey/testing
 */
export { createTestAuthClient, type TestAuthClient, type TestAuthClientOptions, type TestUser } from './createTestAuthClient.js'
