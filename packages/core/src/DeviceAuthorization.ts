/**
 * Options of `loginWithDeviceCode()`. All are optional.
 *
 * @example
 * const device = await auth.loginWithDeviceCode({ scope: 'orders:read' })
 */
export interface DeviceLoginOptions {
  /** Scopes to ask for on top of the configured ones, space-separated. Default: none added. */
  scope?: string
  /** Cancels the sign-in as `cancel()` does, when it aborts. Default: none. */
  signal?: AbortSignal
}

/**
 * A device sign-in under way (RFC 8628): show `userCode` and `verificationUri` (or a QR code of
 * `verificationUriComplete`) and wait for `signedIn`, while the user signs in on another device.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.3
 */
export interface DeviceAuthorization {
  /** The code the user types on the other device, such as `WDJB-MJHT`. */
  readonly userCode: string
  /** Where the user types it: short enough to type by hand. */
  readonly verificationUri: string
  /** The verification URI with the code in it, for a QR code or a link; undefined when the IdP sends none. */
  readonly verificationUriComplete: string | undefined
  /** When the code expires, in milliseconds since the epoch. */
  readonly expiresAt: number
  /** Seconds between two polls of the token endpoint now: the IdP's `interval` (5 when it sends none), 5 more after each `slow_down`. */
  readonly interval: number
  /**
   * Resolves once the user approved and the session started here, as after any other sign-in.
   * Rejects with an AuthError: `access_denied` (the user refused), `device_code_expired` (the code
   * expired first), `cancelled` (`cancel()`, the `signal`, a sign-out or `dispose()`), `invalid_token`
   * (the tokens failed a check; no session starts), or `idp_error`.
   */
  readonly signedIn: Promise<void>
  /** Stops polling; `signedIn` rejects with `cancelled`. Does nothing once it has settled. */
  cancel(): void
}
