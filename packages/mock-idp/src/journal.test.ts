import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createJournal } from './createJournal.js';
import { createMockIdp, type MockIdp } from './index.js';
import { driveLogin } from './test/driveLogin.js';
import { redeemCode } from './test/redeemCode.js';
import { refresh } from './test/refresh.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';

describe('journal', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri] }] });
  });
  afterAll(() => idp.close());

  it('records each request with method, path, status and the grant type of token requests', async () => {
    idp.clearJournal();
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    idp.setFault('refresh_invalid_grant');
    await refresh({ issuer: idp.issuer, clientId, refreshToken: tokens.body['refresh_token'] as string });
    idp.clearFaults();

    const entries = idp.journal();
    expect(entries.map(({ method, path, status }) => `${method} ${path.replace(/\/interaction\/[^/]+/, '/interaction/:uid').replace(/\/auth\/[^/]+/, '/auth/:uid')} ${status}`)).toEqual([
      'GET /auth 303',
      'GET /interaction/:uid 200',
      'POST /interaction/:uid/login 303',
      'GET /auth/:uid 303',
      'GET /interaction/:uid 303',
      'GET /auth/:uid 303',
      'POST /token 200',
      'POST /token 400',
    ]);
    expect(entries.slice(-2).map((entry) => entry.grantType)).toEqual(['authorization_code', 'refresh_token']);
    expect(entries.map((entry) => entry.error)).toEqual([...entries.slice(0, -1).map(() => undefined), 'invalid_grant']);
    expect(entries.slice(0, -2).every((entry) => entry.grantType === undefined)).toBe(true);
    for (const entry of entries) expect(new Date(entry.at).toISOString()).toBe(entry.at);
  });

  it('records the token_type_hint of an introspection request, and none for a token request', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    idp.clearJournal();
    await fetch(new URL('/token/introspection', idp.issuer), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: clientId, token: tokens.body['refresh_token'] as string, token_type_hint: 'refresh_token' }).toString(),
    });
    await refresh({ issuer: idp.issuer, clientId, refreshToken: tokens.body['refresh_token'] as string });
    expect(idp.journal()).toEqual([
      { at: expect.any(String), method: 'POST', path: '/token/introspection', tokenTypeHint: 'refresh_token', status: 200 },
      { at: expect.any(String), method: 'POST', path: '/token', grantType: 'refresh_token', status: 200 },
    ]);
  });

  it('records the error of a JSON error answer, from oidc-provider or from a fault, and none otherwise', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    idp.clearJournal();
    await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    idp.setFault('token_endpoint_500');
    await refresh({ issuer: idp.issuer, clientId, refreshToken: tokens.body['refresh_token'] as string });
    idp.clearFaults();
    // An error page is not a JSON error body.
    await fetch(`${idp.issuer}/auth?client_id=unknown`, { headers: { Accept: 'text/html' } });

    expect(idp.journal()).toEqual([
      { at: expect.any(String), method: 'POST', path: '/token', grantType: 'authorization_code', status: 400, error: 'invalid_grant' },
      { at: expect.any(String), method: 'POST', path: '/token', grantType: 'refresh_token', status: 500, error: 'server_error' },
      { at: expect.any(String), method: 'GET', path: '/auth', status: 400 },
    ]);
  });

  it('leaves out query strings, which carry codes and state', async () => {
    idp.clearJournal();
    await fetch(`${idp.issuer}/jwks?secret=1`);
    expect(idp.journal()).toEqual([{ at: expect.any(String), method: 'GET', path: '/jwks', status: 200 }]);
  });

  it('returns copies, so a caller cannot change it', async () => {
    idp.clearJournal();
    await fetch(`${idp.issuer}/jwks`);
    idp.journal()[0]!.status = 999;
    idp.journal().pop();
    expect(idp.journal()).toEqual([expect.objectContaining({ status: 200 })]);
  });
});

describe('createJournal', () => {
  it('keeps only the most recent entries', () => {
    const journal = createJournal(3);
    for (let i = 1; i <= 5; i += 1) journal.record({ at: '', method: 'GET', path: `/${i}`, status: 200 });
    expect(journal.entries().map((entry) => entry.path)).toEqual(['/3', '/4', '/5']);
    journal.clear();
    expect(journal.entries()).toEqual([]);
  });
});
