/**
 * The ID token signature feature: each ID token checked against the IdP's keys. Also `@latchkey/react/id-token-signature`.
 *
 * @module @latchkey/core/id-token-signature
 */
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { AuthError } from './AuthError.js'
import { defineFeature, type AuthFeature } from './AuthFeature.js'

/** What the ID token signature feature brings to the client. */
export interface IdTokenSignatureCode {
  /** Checks `idToken`'s signature against the IdP's JWKS; rejects with `invalid_token` when it does not verify. */
  createVerifier(jwksUri: string, timeoutMs: number): (idToken: string, algorithms: readonly string[]) => Promise<void>
}

function createVerifier(jwksUri: string, timeoutMs: number) {
  // jose fetches the key set once and again when a token names a key it does not know (a rotation).
  const keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: timeoutMs })
  return async (idToken: string, algorithms: readonly string[]) => {
    try {
      await jwtVerify(idToken, keys, { algorithms: [...algorithms] })
    } catch (cause) {
      const code = (cause as { code?: unknown }).code
      if (code === 'ERR_JWKS_TIMEOUT') throw new AuthError('timeout', "The identity provider's keys (jwks_uri) did not arrive in time.", { cause })
      throw new AuthError('invalid_token', "The ID token's signature does not verify against the identity provider's keys (jwks_uri).", { cause })
    }
  }
}

/**
 * Verifies each ID token's signature against the IdP's published keys (`jwks_uri`), fetching them
 * again once when a token names an unknown key. Without it the signature is not checked: the ID
 * token comes straight from the token endpoint over TLS, which OpenID Connect Core §3.1.3.7 accepts;
 * add it where the IdP's keys should be checked all the same. It brings `jose` into the bundle.
 *
 * @see https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation
 * @example
 * import { idTokenSignature } from '@latchkey/core/id-token-signature'
 * const auth = createAuthClient({ authority, clientId, features: [idTokenSignature()] })
 */
export function idTokenSignature(): AuthFeature<'id-token-signature'> {
  return defineFeature('id-token-signature', { createVerifier } satisfies IdTokenSignatureCode)
}
