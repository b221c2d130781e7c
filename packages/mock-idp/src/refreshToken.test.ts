import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMockIdp, type MockIdp } from './index.js';
import { driveLogin } from './test/driveLogin.js';
import type { TokenResponse } from './test/postToken.js';
import { redeemCode } from './test/redeemCode.js';
import { refresh } from './test/refresh.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';

describe('refresh tokens', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({
      clients: [
        { clientId, redirectUris: [redirectUri] },
        { clientId: 'other', redirectUris: [redirectUri] },
      ],
    });
  });
  afterAll(() => idp.close());

  async function signIn(scope?: string): Promise<TokenResponse> {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, ...(scope === undefined ? {} : { scope }) });
    return redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
  }

  it('issues a refresh token even without offline_access', async () => {
    const tokens = await signIn('openid profile orders:read');
    expect(tokens.body['refresh_token']).toEqual(expect.any(String));
  });

  it('rotates the refresh token and issues a new JWT access token for the API', async () => {
    const tokens = await signIn();
    const refreshed = await refresh({ issuer: idp.issuer, clientId, refreshToken: tokens.body['refresh_token'] as string });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body['refresh_token']).toEqual(expect.any(String));
    expect(refreshed.body['refresh_token']).not.toBe(tokens.body['refresh_token']);
    expect(refreshed.body['id_token']).toEqual(expect.any(String));

    const { payload } = await jwtVerify(
      refreshed.body['access_token'] as string,
      createRemoteJWKSet(new URL('/jwks', idp.issuer)),
      { issuer: idp.issuer, audience: 'urn:latchkey:api' },
    );
    expect(String(payload['scope']).split(' ')).toContain('orders:read');
  });

  it('answers invalid_grant when a rotated refresh token is used again, and revokes its successor', async () => {
    const tokens = await signIn();
    const first = tokens.body['refresh_token'] as string;
    idp.clearJournal();
    const refreshed = await refresh({ issuer: idp.issuer, clientId, refreshToken: first });
    expect(refreshed.status).toBe(200);
    const successor = refreshed.body['refresh_token'] as string;
    expect(successor).not.toBe(first);

    const reuse = await refresh({ issuer: idp.issuer, clientId, refreshToken: first });
    expect(reuse.status).toBe(400);
    expect(reuse.body['error']).toBe('invalid_grant');

    // Reuse revoked the whole grant, the successor with it.
    const afterReuse = await refresh({ issuer: idp.issuer, clientId, refreshToken: successor });
    expect(afterReuse.status).toBe(400);
    expect(afterReuse.body['error']).toBe('invalid_grant');

    expect(idp.journal().map(({ grantType, status, error }) => ({ grantType, status, error }))).toEqual([
      { grantType: 'refresh_token', status: 200, error: undefined },
      { grantType: 'refresh_token', status: 400, error: 'invalid_grant' },
      { grantType: 'refresh_token', status: 400, error: 'invalid_grant' },
    ]);
  });

  it('rejects a refresh token presented by another client', async () => {
    const tokens = await signIn();
    const stolen = await refresh({ issuer: idp.issuer, clientId: 'other', refreshToken: tokens.body['refresh_token'] as string });
    expect(stolen.body['error']).toBe('invalid_grant');
  });
});

describe('token lifetimes', () => {
  it('uses the configured access token lifetime', async () => {
    const idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri] }], accessTokenTtl: 60, idTokenTtl: 120 });
    try {
      const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
      const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
      expect(tokens.body['expires_in']).toBe(60);
      const [, payload = ''] = (tokens.body['id_token'] as string).split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iat: number; exp: number };
      expect(claims.exp - claims.iat).toBe(120);
    } finally {
      await idp.close();
    }
  });
});
