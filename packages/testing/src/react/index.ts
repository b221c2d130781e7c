/**
 * `TestAuthProvider`: `AuthProvider` with a test client. Needs `react` and `@latchkey/react`.
 *
 * @module @latchkey/testing/react
 */
export { TestAuthProvider, type TestAuthProviderProps } from './TestAuthProvider.js'
