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
  readonly journal: Journal;
}
