/** One request the mock IdP received, as recorded by its journal. */
export interface JournalEntry {
  /** When the request arrived, as an ISO 8601 timestamp. */
  at: string;
  /** The HTTP method. */
  method: string;
  /** The request path, without the query string (which may carry codes and tokens). */
  path: string;
  /** The `grant_type` of a token endpoint request. */
  grantType?: string;
  /** The `token_type_hint` of a revocation or introspection request, when it sent one. */
  tokenTypeHint?: string;
  /** Whether the request carried a DPoP proof (a `DPoP` header, RFC 9449 §4). */
  dpop?: true;
  /** The HTTP status the IdP answered with. */
  status: number;
  /**
   * The `error` of the JSON error body the IdP answered with (such as `invalid_grant`), whether
   * oidc-provider or a fault produced it.
   *
   * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
   */
  error?: string;
}
