import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMockIdp, type MockIdp } from './index.js';
import { driveLogin } from './test/driveLogin.js';
import type { TokenResponse } from './test/postToken.js';
import { redeemCode } from './test/redeemCode.js';
import { refresh } from './test/refresh.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';

describe('revocation and introspection', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri] }] });
  });
  afterAll(() => idp.close());

  async function signIn(): Promise<TokenResponse> {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    return redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
  }

  async function post(path: string, fields: Record<string, string>): Promise<Response> {
    return fetch(new URL(path, idp.issuer), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, client_id: clientId }).toString(),
    });
  }

  async function introspect(token: string): Promise<Record<string, unknown>> {
    return (await (await post('/token/introspection', { token })).json()) as Record<string, unknown>;
  }

  it('revokes a refresh token (RFC 7009)', async () => {
    const tokens = await signIn();
    const refreshToken = tokens.body['refresh_token'] as string;
    const revoked = await post('/token/revocation', { token: refreshToken, token_type_hint: 'refresh_token' });
    expect(revoked.status).toBe(200);
    const after = await refresh({ issuer: idp.issuer, clientId, refreshToken });
    expect(after.body['error']).toBe('invalid_grant');
  });

  it('introspects a refresh token, and reports it inactive once revoked', async () => {
    const tokens = await signIn();
    const refreshToken = tokens.body['refresh_token'] as string;
    expect(await introspect(refreshToken)).toMatchObject({
      active: true,
      sub: 'alice',
      client_id: clientId,
    });
    expect((await post('/token/revocation', { token: refreshToken })).status).toBe(200);
    expect(await introspect(refreshToken)).toEqual({ active: false });
  });

  it('does not introspect JWT access tokens: an API verifies them against the JWKS', async () => {
    const tokens = await signIn();
    const response = await post('/token/introspection', { token: tokens.body['access_token'] as string });
    expect(((await response.json()) as Record<string, unknown>)['error']).toBe('unsupported_token_type');
  });

  it('answers 200 for an unknown token, as RFC 7009 asks', async () => {
    expect((await post('/token/revocation', { token: 'not-a-token' })).status).toBe(200);
  });
});
