/**
 * Framework-agnostic sign-in for single-page apps: `createAuthClient()`, its state and selectors, `AuthError`, and the helpers a callback page and an API client need.
 *
 * @module @latchkey/core
 */
export { createAuthClient } from './createAuthClient.js'
export type { AuthClient, AccessTokenOptions, AuthFetchOptions, LoginMode, LoginOptions, LogoutMode, LogoutOptions, LogoutResult } from './AuthClient.js'
export type { DeviceAuthorization, DeviceLoginOptions } from './DeviceAuthorization.js'
export type { AuthClientConfig, SessionStorageKind } from './AuthClientConfig.js'
export type { IdpMetadata } from './IdpMetadata.js'
export type { AuthFeature, AuthFeatureKind } from './AuthFeature.js'
export { AuthError, isAuthError, type AuthErrorCode, type AuthErrorOptions } from './AuthError.js'
export {
  hasRole,
  isAuthenticated,
  isLoading,
  selectError,
  selectUser,
  type AuthState,
  type AuthStatus,
  type AuthUser,
  type PendingActivity,
  type UserProfile,
} from './AuthState.js'
export { sanitizeReturnTo } from './sanitizeReturnTo.js'
export { relayAuthCallback } from './relayAuthCallback.js'
export { parseBearerChallenge, type BearerChallenge } from './parseBearerChallenge.js'
