import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose'

import type { AccessToken } from './AccessToken.js'
import { ApiError } from './ApiError.js'
import { discoverJwksUri } from './discoverJwksUri.js'

export interface TokenVerifierOptions {
  issuer: string
  audience: string
  /** The clock tokens are checked against, in milliseconds since the epoch. */
  now: () => number
}

export interface TokenVerifier {
  /** Resolves with the token's claims, or rejects with an `ApiError`: `invalid_token`, or `temporarily_unavailable` when the IdP's keys cannot be had. */
  verify(token: string): Promise<AccessToken>
}

type KeySet = ReturnType<typeof createRemoteJWKSet>

/** The algorithms a mock or typical IdP signs with; `none` and HMAC are never acceptable for a public API. */
const algorithms = ['RS256', 'ES256']
/** RFC 9068 §2.2: the claims every JWT access token has. */
const requiredClaims = ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti']

/**
 * Verifies JWT access tokens (RFC 9068) against the IdP's JWKS. The JWKS location is discovered on
 * first use rather than at start-up, so the API may start before the IdP; a failed discovery is not
 * remembered, so the next request tries again.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-4
 */
export function createTokenVerifier({ issuer, audience, now }: TokenVerifierOptions): TokenVerifier {
  let keySet: Promise<KeySet> | undefined

  function loadKeySet(): Promise<KeySet> {
    if (keySet === undefined) {
      // Requests that arrive while discovery is under way share it.
      const attempt = discoverJwksUri(issuer).then((jwksUri) => createRemoteJWKSet(jwksUri))
      keySet = attempt
      attempt.catch(() => forget(attempt))
    }
    return keySet
  }

  function forget(attempt: Promise<KeySet>): void {
    if (keySet === attempt) keySet = undefined
  }

  return {
    async verify(token) {
      const attempt = loadKeySet()
      const keys = await attempt
      let verified
      try {
        verified = await jwtVerify(token, keys, {
          issuer,
          audience,
          typ: 'at+jwt',
          algorithms,
          requiredClaims,
          clockTolerance: 5,
          currentDate: new Date(now()),
        })
      } catch (error) {
        const refusal = toApiError(error, { issuer, audience })
        // The keys could not be fetched: discover again next time, in case the IdP moved them.
        if (refusal.code === 'temporarily_unavailable') forget(attempt)
        throw refusal
      }
      return toAccessToken(verified.payload)
    },
  }
}

function toAccessToken(payload: JWTPayload): AccessToken {
  const { sub, exp, scope, client_id: clientId, cnf } = payload
  if (typeof sub !== 'string' || sub === '' || typeof exp !== 'number' || typeof clientId !== 'string') {
    throw new ApiError('invalid_token', 'The access token has a malformed sub, exp or client_id claim.')
  }
  if (scope !== undefined && typeof scope !== 'string') {
    throw new ApiError('invalid_token', 'The access token has a scope claim that is not a string.')
  }
  const boundTo: unknown = (cnf as { jkt?: unknown } | undefined)?.jkt
  if (cnf !== undefined && typeof boundTo !== 'string') {
    throw new ApiError('invalid_token', 'The access token has a cnf claim without a key thumbprint (jkt).')
  }
  return { sub, scopes: scope?.split(' ').filter(Boolean) ?? [], expiresAt: exp * 1000, clientId, ...(typeof boundTo === 'string' && { boundTo }) }
}

function toApiError(error: unknown, { issuer, audience }: { issuer: string; audience: string }): ApiError {
  const invalid = (description: string) => new ApiError('invalid_token', description, { cause: error })
  if (error instanceof errors.JWTExpired) return invalid('The access token expired.')
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'aud':
        return invalid(`The access token is not for this API: its audience must be ${audience}.`)
      case 'iss':
        return invalid(`The access token was not issued by ${issuer}.`)
      case 'typ':
        return invalid('The token is not a JWT access token: its typ header must be at+jwt.')
      case 'nbf':
        return invalid('The access token is not valid yet.')
      default:
        return invalid(
          error.reason === 'missing'
            ? `The access token has no ${error.claim} claim.`
            : `The access token's ${error.claim} claim is not acceptable.`,
        )
    }
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return invalid("The access token's signature does not verify with the identity provider's keys.")
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return invalid(`The access token is signed with an algorithm this API does not accept (${algorithms.join(', ')}).`)
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return invalid('The access token is not a well-formed signed JWT.')
  }
  // What is left is about fetching the key set (timeout, HTTP error, bad JSON), not about the token.
  return new ApiError('temporarily_unavailable', "The identity provider's signing keys could not be loaded.", { cause: error })
}
