import { createHash, randomUUID } from 'node:crypto';

import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';

/** What a DPoP proof says (RFC 9449 §4.2); `jti` and `iat` default to a new UUID and now. */
export interface DpopProofClaims {
  /** The HTTP method. */
  htm: string;
  /** The URL, without query and fragment. */
  htu: string;
  /** The access token the request carries: its hash goes in `ath`. Default: none, for a token request. */
  accessToken?: string;
  /** The nonce the server asked for with `DPoP-Nonce`, if it did. Default: none. */
  nonce?: string;
  /** A unique id for the proof. Default: a new UUID. */
  jti?: string;
  /** When the proof was made, in seconds since the epoch. Default: now. */
  iat?: number;
}

/** A DPoP key pair made by `createDpopKey()`. */
export interface DpopKey {
  /** The RFC 7638 thumbprint, as `dpop_jkt` and a bound token's `cnf.jkt` name it. */
  readonly thumbprint: string;
  /** Signs a proof with this key. */
  proof(claims: DpopProofClaims): Promise<string>;
}

/**
 * A client's DPoP key (ES256), for driving the mock IdP and your own API without a browser: sign
 * proofs for token requests and API calls as a browser client would (RFC 9449 §4.2).
 *
 * @example
 * const key = await createDpopKey();
 * await fetch(`${idp.issuer}/token`, { method: 'POST', headers: { DPoP: await key.proof({ htm: 'POST', htu: `${idp.issuer}/token` }) }, body });
 */
export async function createDpopKey(): Promise<DpopKey> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  return {
    thumbprint: await calculateJwkThumbprint(jwk),
    proof({ htm, htu, accessToken, nonce, jti = randomUUID(), iat = Math.floor(Date.now() / 1000) }) {
      return new SignJWT({
        htm,
        htu,
        jti,
        iat,
        ...(accessToken === undefined ? {} : { ath: createHash('sha256').update(accessToken).digest('base64url') }),
        ...(nonce === undefined ? {} : { nonce }),
      })
        .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk })
        .sign(privateKey);
    },
  };
}
