/**
 * React bindings: `AuthProvider`, the hooks and the components. Everything `@latchkey/core` exports is re-exported here, and each feature from a subpath of the same name (`@latchkey/react/popup`, …).
 *
 * @module @latchkey/react
 */
export { AuthProvider, type AuthProviderProps } from './AuthProvider.js'
export { useAuth, type UseAuthResult } from './useAuth.js'
export { useAuthClient } from './useAuthClient.js'
export { useAccessToken } from './useAccessToken.js'
export { useAuthFetch } from './useAuthFetch.js'
export { RequireAuth, type RequireAuthProps } from './RequireAuth.js'
export { LoginButton, type LoginButtonProps } from './LoginButton.js'
export { LogoutButton, type LogoutButtonProps } from './LogoutButton.js'
export * from '@latchkey/core'
