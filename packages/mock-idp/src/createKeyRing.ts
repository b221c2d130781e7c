import { CompactSign, importJWK, type CompactJWSHeaderParameters, type CryptoKey, type JWK } from 'jose';
import type { JWK as ProviderJwk } from 'oidc-provider';

import { createSigningKey } from './createSigningKey.js';

/** An RS256 key pair the mock signs with itself, beside oidc-provider. */
export interface RingKey {
  kid: string;
  publicKey: CryptoKey;
  /** The public key as the JWKS lists it. */
  publicJwk: JWK;
  /** A compact JWS of `payload` with this key: the header given, with `alg` RS256 and this `kid`. */
  sign(payload: Uint8Array, header: Partial<CompactJWSHeaderParameters>): Promise<string>;
}

export interface KeyRing {
  /** The IdP's own signing key, the one oidc-provider signs with. */
  current(): Promise<RingKey>;
  /** The key the `id_token_key_rotated` fault signs with, created on the first call (RSA key generation is slow). */
  rotated(): Promise<RingKey>;
  /** Whether {@link KeyRing.rotated} has been called, so the rotated key exists or is being created. */
  hasRotated(): boolean;
}

/** The keys the faults sign with: the IdP's own (`signingKey`, which oidc-provider has too) and a rotated one. */
export function createKeyRing(signingKey: ProviderJwk): KeyRing {
  let current: Promise<RingKey> | undefined;
  let rotated: Promise<RingKey> | undefined;
  return {
    current: () => (current ??= importRingKey(signingKey as JWK)),
    rotated: () => (rotated ??= createSigningKey().then((jwk) => importRingKey(jwk as JWK))),
    hasRotated: () => rotated !== undefined,
  };
}

async function importRingKey(jwk: JWK): Promise<RingKey> {
  const { d, p, q, dp, dq, qi, ...publicJwk } = jwk;
  const [privateKey, publicKey] = await Promise.all([importJWK(jwk, 'RS256'), importJWK(publicJwk, 'RS256')]);
  if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array || jwk.kid === undefined) {
    throw new TypeError('expected an RS256 key pair with a kid');
  }
  const { kid } = jwk;
  return {
    kid,
    publicKey,
    publicJwk,
    sign: (payload, header) => new CompactSign(payload).setProtectedHeader({ ...header, alg: 'RS256', kid }).sign(privateKey),
  };
}
