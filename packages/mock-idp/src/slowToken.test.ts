import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMockIdp, type MockIdp } from './index.js';
import { resolveOptions } from './resolveOptions.js';
import { driveLogin } from './test/driveLogin.js';
import { redeemCode } from './test/redeemCode.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';
const clients = [{ clientId, redirectUris: [redirectUri] }];

describe('slow_token fault', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({ clients, slowTokenDelayMs: 400 });
  });
  afterAll(() => idp.close());

  it('delays 3 seconds unless told otherwise', () => {
    expect(resolveOptions({ clients }).slowTokenDelayMs).toBe(3000);
  });

  it('holds the token response for the delay, then answers normally', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    idp.setFault('slow_token');
    const started = performance.now();
    const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    const elapsed = performance.now() - started;
    expect(tokens.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(1500);
  });

  it('does not hold close() while a slow response is pending', async () => {
    idp.setFault('slow_token');
    const pending = fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=x&client_id=demo',
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await idp.close();
    expect(performance.now() - started).toBeLessThan(200);
    expect(await pending).toBeInstanceOf(Error);
  });
});
