/**
 * - `invalid_option`: an option given to `createMockIdp` (or `setConsent`) is not valid.
 * - `unknown_fault`: `setFault` was given a name that is not a {@link MockFault}.
 */
export type MockIdpErrorCode = 'invalid_option' | 'unknown_fault';

/** Thrown by the mock IdP's API when it is used wrongly; the message says what to change. */
export class MockIdpError extends Error {
  /** Always `MockIdpError`. */
  override readonly name = 'MockIdpError';
  /** What was wrong, for program logic. */
  readonly code: MockIdpErrorCode;

  constructor(code: MockIdpErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
