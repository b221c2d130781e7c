import {
  compactVerify,
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  UnsecuredJWT,
  type JWTVerifyOptions,
} from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createMockIdp, type MockFault, type MockIdp } from './index.js';
import { driveLogin } from './test/driveLogin.js';
import { followLogout } from './test/followLogout.js';
import { redeemCode } from './test/redeemCode.js';
import { refresh } from './test/refresh.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';

describe('ID token faults', () => {
  let idp: MockIdp;
  let jwksUrl: URL;
  let jwks: ReturnType<typeof createRemoteJWKSet>;
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri] }] });
    jwksUrl = new URL('/jwks', idp.issuer);
    jwks = createRemoteJWKSet(jwksUrl);
  });
  afterAll(() => idp.close());
  afterEach(() => idp.clearFaults());

  /** Signs in with `fault` active (if any): the ID tokens of the code grant and of a refresh, the nonce sent, the session. */
  async function signInWith(fault?: MockFault) {
    if (fault) idp.setFault(fault);
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    const refreshed = await refresh({ issuer: idp.issuer, clientId, refreshToken: tokens.body['refresh_token'] as string });
    return { nonce: login.nonce, jar: login.jar, idTokens: [tokens.body['id_token'] as string, refreshed.body['id_token'] as string] };
  }

  /** What a client checks of an ID token that jose checks too. */
  function validation(): JWTVerifyOptions {
    return { issuer: idp.issuer, audience: clientId, requiredClaims: ['iat', 'sub'] };
  }

  async function publishedKids(): Promise<string[]> {
    const { keys } = (await (await fetch(jwksUrl)).json()) as { keys: { kid: string }[] };
    return keys.map(({ kid }) => kid);
  }

  it('without a fault, both grants issue ID tokens that pass validation, with the nonce sent', async () => {
    const { nonce, idTokens } = await signInWith();
    for (const idToken of idTokens) {
      const { payload } = await jwtVerify(idToken, jwks, validation());
      expect(payload['nonce']).toBe(nonce);
      expect(payload).not.toHaveProperty('azp');
    }
  });

  it.each([
    ['id_token_wrong_issuer', 'iss', 'check_failed', (): JWTVerifyOptions => ({ issuer: 'https://other-issuer.example' })],
    ['id_token_wrong_audience', 'aud', 'check_failed', (): JWTVerifyOptions => ({ audience: 'other-demo' })],
    ['id_token_missing_iat', 'iat', 'missing', (): JWTVerifyOptions => ({ requiredClaims: ['sub'] })],
    ['id_token_missing_sub', 'sub', 'missing', (): JWTVerifyOptions => ({ requiredClaims: ['iat'] })],
    // Valid 100 seconds before its expiry, an hour and 100 seconds ago.
    ['id_token_expired', 'exp', 'check_failed', (): JWTVerifyOptions => ({ currentDate: new Date(Date.now() - 3_700_000) })],
  ] as const)('%s: both grants issue an ID token signed by the IdP, wrong in %s only', async (fault, claim, reason, relaxed) => {
    for (const idToken of (await signInWith(fault)).idTokens) {
      await expect(jwtVerify(idToken, jwks, validation())).rejects.toMatchObject({ claim, reason });
      await jwtVerify(idToken, jwks, { ...validation(), ...relaxed() });
    }
  });

  it('id_token_azp_mismatch: both grants issue an ID token for the client alone, with azp another client', async () => {
    for (const idToken of (await signInWith('id_token_azp_mismatch')).idTokens) {
      const { payload } = await jwtVerify(idToken, jwks, validation());
      expect(payload).toMatchObject({ aud: clientId, azp: 'other-demo' });
    }
  });

  it('id_token_invalid_nonce: both grants issue an ID token signed by the IdP with another nonce', async () => {
    const { nonce, idTokens } = await signInWith('id_token_invalid_nonce');
    for (const idToken of idTokens) {
      const { payload } = await jwtVerify(idToken, jwks, validation());
      expect(payload['nonce']).toEqual(expect.any(String));
      expect(payload['nonce']).not.toBe(nonce);
    }
  });

  it('id_token_alg_none: both grants issue an unsecured ID token, header {"alg":"none"} and an empty signature', async () => {
    for (const idToken of (await signInWith('id_token_alg_none')).idTokens) {
      const [header = '', , signature] = idToken.split('.');
      expect(Buffer.from(header, 'base64url').toString()).toBe('{"alg":"none"}');
      expect(signature).toBe('');
      expect(UnsecuredJWT.decode(idToken, validation()).payload).toMatchObject({ iss: idp.issuer, aud: clientId, sub: 'alice' });
      await expect(jwtVerify(idToken, jwks)).rejects.toThrow();
    }
  });

  it('id_token_bad_signature: both grants issue an ID token whose signature does not verify, header and claims as usual', async () => {
    const [kid] = await publishedKids();
    for (const idToken of (await signInWith('id_token_bad_signature')).idTokens) {
      expect(decodeProtectedHeader(idToken)).toEqual({ alg: 'RS256', kid });
      expect(decodeJwt(idToken)).toMatchObject({ iss: idp.issuer, aud: clientId, sub: 'alice' });
      await expect(compactVerify(idToken, jwks)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    }
  });

  it('id_token_key_rotated: signs with a new key the JWKS lists after the old one; a client that fetches the JWKS again signs in', async () => {
    const [oldKid] = await publishedKids();
    const cachedJwks = createRemoteJWKSet(jwksUrl, { cooldownDuration: 0 });
    await cachedJwks.reload();
    const oldKeyOnly = createLocalJWKSet(cachedJwks.jwks()!);

    const { idTokens } = await signInWith('id_token_key_rotated');
    const kids = await publishedKids();
    expect(kids).toEqual([oldKid, expect.any(String)]);
    expect(kids[1]).not.toBe(oldKid);
    for (const idToken of idTokens) {
      expect(decodeProtectedHeader(idToken)).toEqual({ alg: 'RS256', kid: kids[1] });
      await expect(jwtVerify(idToken, oldKeyOnly)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
      await jwtVerify(idToken, cachedJwks, validation());
    }
    expect(cachedJwks.jwks()?.keys).toHaveLength(2);

    idp.clearFaults();
    expect(await publishedKids()).toEqual([oldKid]);
  });

  it('id_token_key_rotated: the IdP still takes such an ID token as id_token_hint to sign out, once the fault is cleared too', async () => {
    const { jar, idTokens } = await signInWith('id_token_key_rotated');
    idp.clearFaults();
    const endSession = new URL('/session/end', idp.issuer);
    endSession.search = new URLSearchParams({ id_token_hint: idTokens[1]!, post_logout_redirect_uri: 'http://127.0.0.1:5173/' }).toString();
    const logout = await followLogout(endSession, jar);
    expect(logout.redirectedTo?.href).toBe('http://127.0.0.1:5173/');
  });
});
