import { randomBytes } from 'node:crypto';

import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';

import type { KeyRing } from './createKeyRing.js';
import type { MockFault } from './MockFault.js';

/** The issuer the `*_wrong_issuer` and `*_wrong_iss` faults put in place of the IdP's. */
export const otherIssuer = 'https://other-issuer.example';

/** Each ID token fault about a claim, as the change it makes to the claims. */
const claimFaults: Partial<Record<MockFault, (claims: JWTPayload) => JWTPayload>> = {
  id_token_wrong_issuer: (claims) => ({ ...claims, iss: otherIssuer }),
  id_token_wrong_audience: (claims) => ({ ...claims, aud: otherClientOf(claims) }),
  id_token_azp_mismatch: (claims) => ({ ...claims, azp: otherClientOf(claims) }),
  id_token_missing_iat: (claims) => without(claims, 'iat'),
  id_token_missing_sub: (claims) => without(claims, 'sub'),
  id_token_expired: expireAnHourAgo,
  id_token_invalid_nonce: (claims) => ({ ...claims, nonce: randomBytes(16).toString('base64url') }),
};

/**
 * The ID token oidc-provider issued, altered by the active ID token faults: claims first (signed
 * again with the IdP's key, or the rotated key under `id_token_key_rotated`), then the signature.
 * With none of them active, the token is returned as it is.
 */
export async function applyIdTokenFaults(idToken: string, faults: ReadonlySet<MockFault>, keys: KeyRing): Promise<string> {
  const changes = [...faults].flatMap((fault) => claimFaults[fault] ?? []);
  const rotate = faults.has('id_token_key_rotated');
  let token = idToken;
  if (changes.length > 0 || rotate) {
    const claims = changes.reduce<JWTPayload>((changed, change) => change(changed), decodeJwt(idToken));
    const key = rotate ? await keys.rotated() : await keys.current();
    token = await key.sign(new TextEncoder().encode(JSON.stringify(claims)), decodeProtectedHeader(idToken));
  }
  if (faults.has('id_token_bad_signature')) token = alterSignature(token);
  if (faults.has('id_token_alg_none')) token = unsecured(token);
  return token;
}

function otherClientOf(claims: JWTPayload): string {
  return `other-${String(claims.aud)}`;
}

function without(claims: JWTPayload, claim: string): JWTPayload {
  const copy = { ...claims };
  delete copy[claim];
  return copy;
}

/** Moves the token back in time so that it expired an hour ago, `iat` (if any) with it. */
function expireAnHourAgo(claims: JWTPayload): JWTPayload {
  const exp = Math.floor(Date.now() / 1000) - 3600;
  const back = (claims.exp ?? exp) - exp;
  return { ...claims, exp, ...(claims.iat === undefined ? {} : { iat: claims.iat - back }) };
}

/** The same token with the first byte of its signature flipped, so it no longer verifies. */
function alterSignature(token: string): string {
  const [header, payload, signature = ''] = token.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

/** The same claims as an unsecured JWT (RFC 7519 §6): header `{"alg":"none"}`, empty signature. */
function unsecured(token: string): string {
  const [, payload] = token.split('.');
  return `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
}
