import type { Journal } from './createJournal.js';
import type { MockFault } from './MockFault.js';
import type { MockConsentMode } from './MockIdpOptions.js';

/** What tests switch at run time, shared by the API, the `/__mock` endpoints and the middleware. */
export interface MockIdpState {
  faults: Set<MockFault>;
  consent: MockConsentMode;
  /** Whether browser-facing responses carry `Cross-Origin-Opener-Policy: same-origin`. */
  coop: boolean;
  /** Seconds; read at each issue, so a test can shorten token lifetimes at run time. */
  accessTokenTtl: number;
  /** Whether a DPoP proof without a server nonce is answered `use_dpop_nonce` (RFC 9449 §8). */
  requireDpopNonce: boolean;
  /** Seconds a device should wait between polls: the `interval` of each device authorization response (RFC 8628 §3.2). */
  deviceCodeInterval: number;
  readonly journal: Journal;
}
