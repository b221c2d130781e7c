import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createMockIdp, type MockIdp } from './index.js';
import { browserFetch } from './browserFetch.js';
import { driveLogin } from './test/driveLogin.js';
import { redeemCode } from './test/redeemCode.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';

describe('consent', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri] }], consent: 'prompt' });
  });
  afterAll(() => idp.close());
  beforeEach(() => idp.setConsent('prompt'));

  it('keeps the IdP session after Deny and asks again on the next request', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, consent: 'deny' });
    expect(login.error).toBe('access_denied');
    const second = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, jar: login.jar, consent: 'deny' });
    expect(second.logins).toBe(0);
    expect(second.error).toBe('access_denied');
  });

  it('renders the scopes and both buttons', async () => {
    const stopped = await driveLogin({
      issuer: idp.issuer,
      clientId,
      redirectUri,
      scope: 'openid profile orders:read',
      consent: 'stop',
    });
    const html = stopped.page?.html ?? '';
    expect(html).toContain('<h1>Allow demo to access your account?</h1>');
    expect(html).toContain('<li><code>openid</code></li>');
    expect(html).toContain('<li><code>profile</code></li>');
    expect(html).toContain('<li><code>orders:read</code></li>');
    expect(html).toContain('<button type="submit" name="decision" value="allow">Allow</button>');
    expect(html).toContain('<button type="submit" name="decision" value="deny">Deny</button>');
  });

  it('refuses a consent answer that is neither Allow nor Deny', async () => {
    const stopped = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, consent: 'stop' });
    const action = /action="([^"]+)"/.exec(stopped.page?.html ?? '')?.[1] ?? '';
    const response = await browserFetch(stopped.jar, new URL(action, idp.issuer), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'decision=maybe',
    });
    expect(response.status).toBe(400);
  });

  it('sends access_denied back to the client on Deny', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, consent: 'deny' });
    expect(login.code).toBeUndefined();
    expect(login.error).toBe('access_denied');
    expect(login.callbackUrl?.searchParams.get('state')).toBe(login.state);
  });

  it('issues a code on Allow, with the API scope in the access token', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, consent: 'allow' });
    const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    expect(tokens.body['scope']).toContain('orders:read');
  });

  it('can be switched to auto at run time', async () => {
    idp.setConsent('auto');
    expect(idp.consent).toBe('auto');
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, consent: 'deny' });
    expect(login.code).toEqual(expect.any(String));
  });

  it('still shows the page in auto mode when the client asks with prompt=consent', async () => {
    idp.setConsent('auto');
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, consent: 'deny', params: { prompt: 'consent' } });
    expect(login.error).toBe('access_denied');
  });

  it('rejects an unknown consent mode', () => {
    expect(() => idp.setConsent('never' as 'auto')).toThrow(expect.objectContaining({ code: 'invalid_option' }));
  });
});
