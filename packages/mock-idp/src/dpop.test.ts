import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createDpopKey, createDpopProofVerifier, createMockIdp, DpopProofError, type MockIdp } from './index.js';
import { driveLogin } from './test/driveLogin.js';
import { codeGrantFields } from './test/redeemCode.js';

const clientId = 'spa';
const redirectUri = 'http://127.0.0.1:5173/callback';

describe('DPoP', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri] }] });
  });
  afterAll(() => idp.close());
  afterEach(() => {
    idp.setRequireDpopNonce(false);
    idp.clearJournal();
  });

  const tokenUrl = () => new URL('/token', idp.issuer).href;

  async function postWithProof(fields: Record<string, string>, proof?: string) {
    const response = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(proof === undefined ? {} : { DPoP: proof }) },
      body: new URLSearchParams({ ...fields, client_id: clientId }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  }

  async function signIn(key: Awaited<ReturnType<typeof createDpopKey>>, params: Record<string, string> = {}) {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, params });
    return postWithProof(
      codeGrantFields({ code: login.code!, codeVerifier: login.codeVerifier, redirectUri }),
      await key.proof({ htm: 'POST', htu: tokenUrl() }),
    );
  }

  it('announces DPoP with ES256 in discovery', async () => {
    const metadata = (await (await fetch(new URL('/.well-known/openid-configuration', idp.issuer))).json()) as Record<string, unknown>;
    expect(metadata['dpop_signing_alg_values_supported']).toContain('ES256');
  });

  it('binds the tokens of a request with a proof to its key, and journals the proof', async () => {
    const key = await createDpopKey();
    const tokens = await signIn(key);
    expect(tokens.status).toBe(200);
    expect(tokens.body['token_type']).toBe('DPoP');
    expect(decodeJwt(tokens.body['access_token'] as string)['cnf']).toEqual({ jkt: key.thumbprint });
    expect(idp.journal().filter((entry) => entry.path === '/token')).toEqual([expect.objectContaining({ grantType: 'authorization_code', dpop: true })]);
  });

  it('refuses a bound refresh token without a proof from the same key', async () => {
    const key = await createDpopKey();
    const refreshToken = (await signIn(key)).body['refresh_token'] as string;
    const thief = await createDpopKey();

    const withoutProof = await postWithProof({ grant_type: 'refresh_token', refresh_token: refreshToken });
    const otherKey = await postWithProof({ grant_type: 'refresh_token', refresh_token: refreshToken }, await thief.proof({ htm: 'POST', htu: tokenUrl() }));
    expect([withoutProof.status, otherKey.status]).toEqual([400, 400]);
    expect([withoutProof.body['error'], otherKey.body['error']]).toEqual(['invalid_grant', 'invalid_grant']);

    const owner = await postWithProof({ grant_type: 'refresh_token', refresh_token: refreshToken }, await key.proof({ htm: 'POST', htu: tokenUrl() }));
    expect(owner.status).toBe(200);
  });

  it('binds the code to dpop_jkt: redeeming it with another key fails', async () => {
    const key = await createDpopKey();
    const thief = await createDpopKey();
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, params: { dpop_jkt: key.thumbprint } });
    const stolen = await postWithProof(
      codeGrantFields({ code: login.code!, codeVerifier: login.codeVerifier, redirectUri }),
      await thief.proof({ htm: 'POST', htu: tokenUrl() }),
    );
    expect(stolen.status).toBe(400);
  });

  it('asks for its nonce when requireDpopNonce is on, and accepts the retry that carries it', async () => {
    idp.setRequireDpopNonce(true);
    const key = await createDpopKey();
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const fields = codeGrantFields({ code: login.code!, codeVerifier: login.codeVerifier, redirectUri });
    const first = await postWithProof(fields, await key.proof({ htm: 'POST', htu: tokenUrl() }));
    expect(first.status).toBe(400);
    expect(first.body['error']).toBe('use_dpop_nonce');
    const nonce = first.headers.get('DPoP-Nonce');
    expect(nonce).toEqual(expect.any(String));

    const retry = await postWithProof(fields, await key.proof({ htm: 'POST', htu: tokenUrl(), nonce: nonce! }));
    expect(retry.status).toBe(200);
    expect(retry.body['token_type']).toBe('DPoP');
  });

  it('serves userinfo for a bound token with its proof only', async () => {
    const key = await createDpopKey();
    const accessToken = (await signIn(key)).body['access_token'] as string;
    const userinfo = new URL('/me', idp.issuer).href;
    const ask = async (authorization: string, proof?: string) =>
      (await fetch(userinfo, { headers: { Authorization: authorization, ...(proof === undefined ? {} : { DPoP: proof }) } })).status;

    const proof = await key.proof({ htm: 'GET', htu: userinfo, accessToken });
    expect(await ask(`DPoP ${accessToken}`, proof)).toBe(200);
    expect(await ask(`DPoP ${accessToken}`, proof)).toBe(401);
    expect(await ask(`Bearer ${accessToken}`)).toBe(401);
    expect(await ask(`DPoP ${accessToken}`)).toBe(401);
  });
});

describe('createDpopProofVerifier', () => {
  const url = 'https://api.example/orders?page=2';
  const accessToken = 'token-value';

  it('accepts a fresh proof for this request and key, once', async () => {
    const key = await createDpopKey();
    const verify = createDpopProofVerifier();
    const proof = await key.proof({ htm: 'GET', htu: 'https://api.example/orders', accessToken });
    await expect(verify({ proof, method: 'GET', url, accessToken, boundTo: key.thumbprint })).resolves.toBeUndefined();
    await expect(verify({ proof, method: 'GET', url, accessToken, boundTo: key.thumbprint })).rejects.toThrow(/used before/);
  });

  it.each([
    ['another key', { boundTo: 'other-thumbprint' }, /another key/],
    ['another method', { method: 'POST' }, /another request/],
    ['another URL', { url: 'https://api.example/admin' }, /another request/],
    ['another token', { accessToken: 'other-token' }, /another access token/],
  ])('refuses a proof for %s', async (_, change, message) => {
    const key = await createDpopKey();
    const proof = await key.proof({ htm: 'GET', htu: 'https://api.example/orders', accessToken });
    const verify = createDpopProofVerifier();
    const error = await verify({ proof, method: 'GET', url, accessToken, boundTo: key.thumbprint, ...change }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DpopProofError);
    expect((error as Error).message).toMatch(message);
  });

  it('refuses an old proof, and none at all', async () => {
    const key = await createDpopKey();
    const verify = createDpopProofVerifier({ maxAgeSeconds: 60 });
    const old = await key.proof({ htm: 'GET', htu: 'https://api.example/orders', accessToken, iat: Math.floor(Date.now() / 1000) - 120 });
    await expect(verify({ proof: old, method: 'GET', url, accessToken, boundTo: key.thumbprint })).rejects.toThrow(/not recent/);
    await expect(verify({ proof: undefined, method: 'GET', url, accessToken, boundTo: key.thumbprint })).rejects.toThrow(/needs a DPoP proof/);
  });
});
