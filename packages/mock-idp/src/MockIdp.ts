import type { JournalEntry } from './JournalEntry.js';
import type { MockFault } from './MockFault.js';
import type { MockConsentMode } from './MockIdpOptions.js';
import type { MockUser } from './MockUser.js';

/** A running mock OpenID Provider; see `createMockIdp`. */
export interface MockIdp {
  /** The issuer identifier, e.g. `http://127.0.0.1:9400`; discovery is at `${issuer}/.well-known/openid-configuration`. */
  readonly issuer: string;
  /** The port the IdP listens on (on 127.0.0.1). */
  readonly port: number;
  /** The users who can sign in. */
  readonly users: readonly MockUser[];
  /** The faults active now. */
  readonly faults: readonly MockFault[];
  /** The consent mode in force now. */
  readonly consent: MockConsentMode;
  /** Whether pages, redirects and authorization responses carry `Cross-Origin-Opener-Policy: same-origin` now. */
  readonly coop: boolean;
  /** Activates a fault (others stay active). Throws a `MockIdpError` (`unknown_fault`) for an unknown name. */
  setFault(fault: MockFault): void;
  /** Turns every fault off. */
  clearFaults(): void;
  /** A copy of the requests received so far, oldest first (the last 1000). `/__mock/*` requests are not recorded. */
  journal(): JournalEntry[];
  /** Empties the journal. */
  clearJournal(): void;
  /** Switches between granting at once (`auto`) and showing a consent page (`prompt`). */
  setConsent(mode: MockConsentMode): void;
  /** Turns `Cross-Origin-Opener-Policy: same-origin` on or off; see `MockIdpOptions.coop`. */
  setCoop(enabled: boolean): void;
  /** Seconds an access token issued from now on lives. */
  readonly accessTokenTtl: number;
  /** Sets how many seconds access tokens issued from now on live. */
  setAccessTokenTtl(seconds: number): void;
  /**
   * Whether the token endpoint answers a DPoP proof that carries no nonce of its own with
   * `use_dpop_nonce` and a `DPoP-Nonce` header (RFC 9449 §8), so that a client must retry with it.
   * Off by default: DPoP proofs are accepted without a nonce. Tokens are DPoP-bound whenever the
   * token request carries a proof.
   */
  readonly requireDpopNonce: boolean;
  /** Turns the `use_dpop_nonce` demand on or off (see `requireDpopNonce`). */
  setRequireDpopNonce(required: boolean): void;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}
