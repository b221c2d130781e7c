/**
 * Test helpers for apps that use latchkey: a client with a chosen user for component tests, which
 * also plays the idle timeout and the device sign-in.
 *
 * @module @latchkey/testing
 */
export { createTestAuthClient, type TestAuthClient, type TestAuthClientOptions, type TestUser } from './createTestAuthClient.js'
export type { TestDeviceControls } from './createTestDeviceLogin.js'
