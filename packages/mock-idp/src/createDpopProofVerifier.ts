import { createHash } from 'node:crypto';

import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify } from 'jose';

/** A DPoP proof a resource server must refuse: answer 401 with `WWW-Authenticate: DPoP error="invalid_dpop_proof"`. */
export class DpopProofError extends Error {
  /** Always `DpopProofError`. */
  override readonly name = 'DpopProofError';
  /** The error code to send in `WWW-Authenticate`. */
  readonly code = 'invalid_dpop_proof';
}

/** What the verifier needs to know of one API request. */
export interface DpopProofRequest {
  /** The `DPoP` header of the request, if it had one. */
  proof: string | undefined;
  /** The HTTP method of the request. */
  method: string;
  /** The request's full URL as the client addressed it (query and fragment are ignored). */
  url: string;
  /** The access token the request carried. */
  accessToken: string;
  /** The thumbprint the access token is bound to: its `cnf.jkt` claim (RFC 9449 §6.1). */
  boundTo: string;
}

/** Options of `createDpopProofVerifier()`. Both are optional. */
export interface DpopProofVerifierOptions {
  /** How old, or how far in the future, a proof's `iat` may be. Default: 60 seconds. */
  maxAgeSeconds?: number;
  /** The clock, in milliseconds since the epoch. Default: `Date.now`. */
  now?: () => number;
}

/** The algorithms oidc-provider accepts for proofs, less the ones no browser can make. */
const algorithms = ['ES256', 'PS256', 'RS256', 'EdDSA', 'Ed25519'];

/**
 * Checks DPoP proofs as a resource server must (RFC 9449 §4.3 and §7.1): the proof is a `dpop+jwt`
 * signed by the key in its own header, that key is the one the token is bound to, it names this
 * request's method and URL, it is recent, it carries the token's hash (`ath`), and its `jti` was not
 * seen before. Remembers each `jti` for as long as a proof with it could pass the age check.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-4.3
 * @example
 * const verifyDpopProof = createDpopProofVerifier();
 * // In the API, after checking the token itself (its `cnf.jkt` is `boundTo`):
 * await verifyDpopProof({ proof: request.headers.get('DPoP') ?? undefined, method: request.method, url: request.url, accessToken, boundTo });
 */
export function createDpopProofVerifier({ maxAgeSeconds = 60, now = Date.now }: DpopProofVerifierOptions = {}) {
  const seen = new Map<string, number>();

  function forgetExpired(nowSeconds: number): void {
    for (const [jti, until] of seen) if (until < nowSeconds) seen.delete(jti);
  }

  return async function verifyDpopProof({ proof, method, url, accessToken, boundTo }: DpopProofRequest): Promise<void> {
    if (!proof) throw new DpopProofError('This DPoP-bound token needs a DPoP proof: send it in the DPoP header.');
    let verified;
    try {
      verified = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms });
    } catch (cause) {
      throw new DpopProofError('The DPoP proof is not a dpop+jwt signed by the key in its header.', { cause });
    }
    const { payload, protectedHeader } = verified;
    if (!protectedHeader.jwk || (await calculateJwkThumbprint(protectedHeader.jwk)) !== boundTo) {
      throw new DpopProofError('The DPoP proof is signed by another key than the one the token is bound to.');
    }
    const target = new URL(url);
    if (payload['htm'] !== method.toUpperCase() || payload['htu'] !== `${target.origin}${target.pathname}`) {
      throw new DpopProofError(`The DPoP proof is for another request than ${method.toUpperCase()} ${target.origin}${target.pathname}.`);
    }
    const nowSeconds = Math.floor(now() / 1000);
    if (typeof payload.iat !== 'number' || Math.abs(nowSeconds - payload.iat) > maxAgeSeconds) {
      throw new DpopProofError('The DPoP proof is not recent.');
    }
    if (payload['ath'] !== createHash('sha256').update(accessToken).digest('base64url')) {
      throw new DpopProofError('The DPoP proof is for another access token (ath).');
    }
    forgetExpired(nowSeconds);
    if (typeof payload.jti !== 'string' || payload.jti === '' || seen.has(payload.jti)) {
      throw new DpopProofError('The DPoP proof has no jti, or was used before.');
    }
    seen.set(payload.jti, payload.iat + maxAgeSeconds);
  };
}
