/**
 * A mock OpenID Provider on oidc-provider, for tests and the demo: test users, switchable faults, a journal of requests, and helpers to sign in without a browser.
 *
 * @module @latchkey/mock-idp
 */
export { createMockIdp } from './createMockIdp.js';
export { defaultUsers } from './defaultUsers.js';
export type { JournalEntry } from './JournalEntry.js';
export { mockFaults, type MockFault } from './MockFault.js';
export type { MockIdp } from './MockIdp.js';
export { MockIdpError, type MockIdpErrorCode } from './MockIdpError.js';
export type { MockApi, MockClient, MockConsentMode, MockIdpOptions } from './MockIdpOptions.js';
export type { MockUser, MockUserClaims } from './MockUser.js';
export {
  followAuthorization,
  type FollowAuthorizationOptions,
  type FollowAuthorizationResult,
  type IdpPage,
} from './followAuthorization.js';
export { CookieJar } from './CookieJar.js';
export {
  createDpopProofVerifier,
  DpopProofError,
  type DpopProofRequest,
  type DpopProofVerifierOptions,
} from './createDpopProofVerifier.js';
export { createDpopKey, type DpopKey, type DpopProofClaims } from './createDpopKey.js';
