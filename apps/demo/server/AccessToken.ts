/** What the API uses of a verified access token (RFC 9068 claims). */
export interface AccessToken {
  /** The user the token was issued for. */
  sub: string
  /** The granted scopes, from the space-separated `scope` claim. */
  scopes: string[]
  /** When the token expires, in milliseconds since the epoch (as latchkey's `user.expiresAt`). */
  expiresAt: number
  /** The client the token was issued to. */
  clientId: string
  /** For a DPoP-bound token, the thumbprint of the key it is bound to (its `cnf.jkt`, RFC 9449 §6.1). */
  boundTo?: string
}
