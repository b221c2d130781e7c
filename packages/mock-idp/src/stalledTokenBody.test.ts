import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createMockIdp, type MockIdp } from './index.js';
import { driveLogin } from './test/driveLogin.js';
import { isPendingAfterARoundTrip } from './test/isPendingAfterARoundTrip.js';
import { fetchToken } from './test/postToken.js';
import { codeGrantFields, redeemCode } from './test/redeemCode.js';
import { refresh } from './test/refresh.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';
const origin = 'http://127.0.0.1:5173';

describe('stalled_token_body fault', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri] }] });
  });
  afterAll(() => idp.close());
  afterEach(() => idp.clearFaults());

  it('lets a client give up on the body; the refresh token is left untouched', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    const refreshToken = tokens.body['refresh_token'] as string;
    idp.setFault('stalled_token_body');

    const deadline = new AbortController();
    const response = await fetchToken(
      { issuer: idp.issuer, clientId, origin },
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      deadline.signal,
    );
    expect(response.status).toBe(200);
    const text = response.text();
    expect(await isPendingAfterARoundTrip(text, idp)).toBe(true);
    deadline.abort();
    await expect(text).rejects.toMatchObject({ name: 'AbortError' });

    // The fault answered in place of the IdP: the refresh token was not used up.
    idp.clearFaults();
    expect((await refresh({ issuer: idp.issuer, clientId, refreshToken })).status).toBe(200);
  });

  // Last: it closes the IdP.
  it('sends 200 with JSON and CORS headers, then a body it never finishes, until the IdP closes', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    idp.setFault('stalled_token_body');
    idp.clearJournal();
    const response = await fetchToken(
      { issuer: idp.issuer, clientId, origin },
      codeGrantFields({ code: login.code!, codeVerifier: login.codeVerifier, redirectUri }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('cache-control')).toBe('no-store');

    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('{"access_token":');
    const rest = reader.read().catch((error: unknown) => error);
    expect(await isPendingAfterARoundTrip(rest, idp)).toBe(true);
    expect(idp.journal()).toEqual([
      { at: expect.any(String), method: 'POST', path: '/token', grantType: 'authorization_code', status: 200 },
    ]);

    // close() does not wait for the body, and ends it.
    await idp.close();
    expect(await rest).toBeInstanceOf(Error);
  });
});
