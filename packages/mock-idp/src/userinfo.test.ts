import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMockIdp, defaultUsers, type MockIdp } from './index.js';
import { driveLogin } from './test/driveLogin.js';
import { redeemCode } from './test/redeemCode.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';
const origin = 'http://127.0.0.1:5173';

describe('userinfo endpoint', () => {
  let idp: MockIdp;
  let tokens: Record<string, unknown>;
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri] }] });
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    tokens = (await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier })).body;
  });
  afterAll(() => idp.close());

  function userinfo(init: RequestInit = {}): Promise<Response> {
    return fetch(`${idp.issuer}/me`, init);
  }

  it("answers the user's claims for an access token, to the client's origin", async () => {
    for (const method of ['GET', 'POST']) {
      const response = await userinfo({ method, headers: { Authorization: `Bearer ${tokens['access_token'] as string}`, Origin: origin } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual(defaultUsers.find(({ username }) => username === 'alice')?.claims);
    }
  });

  it('answers 401 invalid_token without an access token, or with another token', async () => {
    const missing = await userinfo();
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe(`Bearer realm="${idp.issuer}"`);
    expect(await missing.json()).toMatchObject({ error: 'invalid_token' });

    const idToken = await userinfo({ headers: { Authorization: `Bearer ${tokens['id_token'] as string}` } });
    expect(idToken.status).toBe(401);
    expect(idToken.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await idToken.json()).toMatchObject({ error: 'invalid_token', error_description: expect.stringContaining('not valid') });
  });

  it('answers a CORS preflight', async () => {
    const response = await userinfo({
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization');
  });
});
