import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createMockIdp, type MockIdp } from './index.js';
import { resolveOptions } from './resolveOptions.js';
import { driveLogin } from './test/driveLogin.js';
import { isPendingAfterARoundTrip } from './test/isPendingAfterARoundTrip.js';
import { redeemCode } from './test/redeemCode.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';
const clients = [{ clientId, redirectUris: [redirectUri] }];

/** A hold longer than any test runs, so what a test sees of it is the order of events, not a duration. */
const anHourMs = 3_600_000;

describe('slow_token fault', () => {
  it('delays 3 seconds unless told otherwise', () => {
    expect(resolveOptions({ clients }).slowTokenDelayMs).toBe(3000);
  });

  describe('during the hold', () => {
    let idp: MockIdp;
    beforeEach(async () => {
      idp = await createMockIdp({ clients, slowTokenDelayMs: anHourMs });
    });
    afterEach(() => idp.close());

    it('holds the token response while it answers a request sent after it', async () => {
      const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
      idp.setFault('slow_token');
      idp.clearJournal();
      // Ends in an error when afterEach closes the IdP.
      const tokens = redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier }).catch(
        (error: unknown) => error,
      );

      expect((await fetch(`${idp.issuer}/jwks`)).status).toBe(200);
      expect(await isPendingAfterARoundTrip(tokens, idp)).toBe(true);
      expect(idp.journal()).toEqual([{ at: expect.any(String), method: 'GET', path: '/jwks', status: 200 }]);
    });

    it('does not hold close() while a slow response is pending', async () => {
      idp.setFault('slow_token');
      const pending = fetch(`${idp.issuer}/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=refresh_token&refresh_token=x&client_id=demo',
      }).catch((error: unknown) => error);
      expect(await isPendingAfterARoundTrip(pending, idp)).toBe(true);

      // The hold outlasts the test: close() resolves only because it gives up the held response.
      await idp.close();
      expect(await pending).toBeInstanceOf(Error);
    });
  });

  describe('after the hold', () => {
    let idp: MockIdp;
    beforeAll(async () => {
      idp = await createMockIdp({ clients, slowTokenDelayMs: 1 });
    });
    afterAll(() => idp.close());

    it('answers the held request as it would without the fault, and stays on', async () => {
      const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
      idp.setFault('slow_token');
      idp.clearJournal();
      const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });

      expect(tokens.status).toBe(200);
      expect(tokens.body).toMatchObject({
        access_token: expect.any(String),
        id_token: expect.any(String),
        refresh_token: expect.any(String),
        token_type: 'Bearer',
      });
      expect(idp.journal()).toEqual([
        { at: expect.any(String), method: 'POST', path: '/token', grantType: 'authorization_code', status: 200 },
      ]);
      expect(idp.faults).toEqual(['slow_token']);
    });
  });
});
