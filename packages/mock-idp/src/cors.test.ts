import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMockIdp, type MockIdp } from './index.js';
import { driveLogin } from './test/driveLogin.js';
import { redeemCode } from './test/redeemCode.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';

describe('CORS', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri] }] });
  });
  afterAll(() => idp.close());

  /** Signs in and redeems the code from a page on `origin`, as a browser's fetch would. */
  async function redeemFrom(origin: string) {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    return redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier, origin });
  }

  it("lets the client's origin call the token endpoint", async () => {
    const tokens = await redeemFrom('http://127.0.0.1:5173');
    expect(tokens.status).toBe(200);
    expect(tokens.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
  });

  it('gives another origin no Access-Control-Allow-Origin', async () => {
    const tokens = await redeemFrom('http://127.0.0.1:5174');
    expect(tokens.status).toBe(400);
    expect(tokens.headers.get('access-control-allow-origin')).toBeNull();
  });
});
