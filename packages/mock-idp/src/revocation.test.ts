import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMockIdp, type MockIdp } from './index.js';
import { driveLogin } from './test/driveLogin.js';
import type { TokenResponse } from './test/postToken.js';
import { redeemCode } from './test/redeemCode.js';
import { refresh } from './test/refresh.js';
import { silentAuthorize } from './test/silentAuthorize.js';

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

  async function post(path: string, fields: Record<string, string>, origin?: string): Promise<Response> {
    return fetch(new URL(path, idp.issuer), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(origin === undefined ? {} : { Origin: origin }) },
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

  it('revokes the whole grant: prompt=none then answers consent_required, though the IdP session lives on', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    expect((await post('/token/revocation', { token: tokens.body['refresh_token'] as string })).status).toBe(200);

    const silent = await silentAuthorize({ issuer: idp.issuer, clientId, redirectUri, jar: login.jar });
    expect(silent.error).toBe('consent_required');
    const interactive = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, jar: login.jar });
    expect(interactive.logins).toBe(0);
    expect(interactive.code).toEqual(expect.any(String));
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

  it('answers 400 unsupported_token_type to revoking a JWT access token, readable by the app', async () => {
    const tokens = await signIn();
    const accessToken = tokens.body['access_token'] as string;
    for (const hint of [{ token_type_hint: 'access_token' }, {}] as Record<string, string>[]) {
      const response = await post('/token/revocation', { token: accessToken, ...hint }, 'http://127.0.0.1:5173');
      expect(response.status).toBe(400);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
      expect(await response.json()).toEqual({
        error: 'unsupported_token_type',
        error_description: 'Structured JWT Tokens cannot be revoked via the revocation_endpoint',
      });
    }
    // The grant is untouched: the refresh token still works.
    const after = await refresh({ issuer: idp.issuer, clientId, refreshToken: tokens.body['refresh_token'] as string });
    expect(after.status).toBe(200);
  });

  it('records revocation requests in the journal, with their token_type_hint', async () => {
    const tokens = await signIn();
    idp.clearJournal();
    await post('/token/revocation', { token: tokens.body['access_token'] as string, token_type_hint: 'access_token' });
    await post('/token/revocation', { token: tokens.body['refresh_token'] as string, token_type_hint: 'refresh_token' });
    await post('/token/revocation', { token: 'not-a-token' });
    expect(idp.journal()).toEqual([
      { at: expect.any(String), method: 'POST', path: '/token/revocation', tokenTypeHint: 'access_token', status: 400, error: 'unsupported_token_type' },
      { at: expect.any(String), method: 'POST', path: '/token/revocation', tokenTypeHint: 'refresh_token', status: 200 },
      { at: expect.any(String), method: 'POST', path: '/token/revocation', status: 200 },
    ]);
  });

  it('answers 200 for an unknown token, as RFC 7009 asks', async () => {
    expect((await post('/token/revocation', { token: 'not-a-token' })).status).toBe(200);
  });
});
