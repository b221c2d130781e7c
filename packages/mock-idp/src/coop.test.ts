import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { browserFetch } from './browserFetch.js';
import { CookieJar } from './CookieJar.js';
import { createMockIdp, MockIdpError, type MockIdp } from './index.js';
import { createPkce } from './test/createPkce.js';
import { driveLogin } from './test/driveLogin.js';
import { redeemCode } from './test/redeemCode.js';
import { silentAuthorize } from './test/silentAuthorize.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';

interface Hop {
  label: string;
  status: number;
  coop: string | null;
}

/** An authorization request of the test client, with PKCE, as a browser would open it. */
function authorizationUrlFor(issuer: string, params: Record<string, string> = {}): URL {
  const url = new URL('/auth', issuer);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    state: 'xyz',
    code_challenge: createPkce().codeChallenge,
    code_challenge_method: 'S256',
    ...params,
  }).toString();
  return url;
}

describe('Cross-Origin-Opener-Policy', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri] }], coop: true });
  });
  afterAll(() => idp.close());
  afterEach(() => {
    idp.setCoop(true);
    idp.clearFaults();
  });

  const authorizationUrl = (params: Record<string, string> = {}): URL => authorizationUrlFor(idp.issuer, params);

  /**
   * Walks a sign-in with consent by hand, recording each response the browser navigates through:
   * /auth, the login page, the login post, the consent page and post, the resumes, and the last
   * redirect to the app.
   */
  async function walkSignIn(): Promise<Hop[]> {
    const jar = new CookieJar();
    const hops: Hop[] = [];
    const record = (label: string, response: Response) =>
      hops.push({ label, status: response.status, coop: response.headers.get('cross-origin-opener-policy') });
    const form = (body: Record<string, string>): RequestInit => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body).toString(),
    });

    let url = authorizationUrl({ prompt: 'consent' });
    let response = await browserFetch(jar, url);
    record('GET /auth', response);
    url = new URL(response.headers.get('Location')!, url);
    response = await browserFetch(jar, url);
    record('GET login page', response);
    await response.text();
    response = await browserFetch(jar, new URL(`${url.pathname}/login`, url), form({ username: 'alice', password: 'alice' }));
    record('POST login', response);
    url = new URL(response.headers.get('Location')!, url);
    response = await browserFetch(jar, url);
    record('GET /auth/:uid', response);
    url = new URL(response.headers.get('Location')!, url);
    response = await browserFetch(jar, url);
    record('GET consent page', response);
    expect(await response.text()).toContain('data-mock-idp="consent"');
    response = await browserFetch(jar, new URL(`${url.pathname}/consent`, url), form({ decision: 'allow' }));
    record('POST consent', response);
    url = new URL(response.headers.get('Location')!, url);
    response = await browserFetch(jar, url);
    record('GET /auth/:uid (to the app)', response);
    expect(response.headers.get('Location')).toMatch(/^http:\/\/127\.0\.0\.1:5173\/callback\?code=/);
    return hops;
  }

  it('is sent on every response of a sign-in, from /auth to the redirect back to the app', async () => {
    const hops = await walkSignIn();
    expect(hops.map((hop) => hop.label)).toEqual([
      'GET /auth',
      'GET login page',
      'POST login',
      'GET /auth/:uid',
      'GET consent page',
      'POST consent',
      'GET /auth/:uid (to the app)',
    ]);
    for (const hop of hops) expect(hop, hop.label).toMatchObject({ coop: 'same-origin' });
  });

  it('is sent on prompt=none answers, with a code and with login_required', async () => {
    const jar = (await driveLogin({ issuer: idp.issuer, clientId, redirectUri })).jar;
    const withSession = await silentAuthorize({ issuer: idp.issuer, clientId, redirectUri, jar });
    expect(withSession.code).toEqual(expect.any(String));
    expect(withSession.response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    const withoutSession = await silentAuthorize({ issuer: idp.issuer, clientId, redirectUri, jar: new CookieJar() });
    expect(withoutSession.error).toBe('login_required');
    expect(withoutSession.response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it('is sent on the login_required fault answer, and on error, message and logout pages', async () => {
    idp.setFault('login_required');
    const faulted = await fetch(authorizationUrl(), { redirect: 'manual' });
    expect(faulted.headers.get('location')).toContain('error=login_required');
    expect(faulted.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    idp.clearFaults();

    const unknownClient = await fetch(authorizationUrl({ client_id: 'nobody' }), { redirect: 'manual' });
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.headers.get('cross-origin-opener-policy')).toBe('same-origin');

    const expired = await fetch(new URL('/interaction/nope', idp.issuer));
    expect(await expired.text()).toContain('Sign-in expired');
    expect(expired.headers.get('cross-origin-opener-policy')).toBe('same-origin');

    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const logout = await browserFetch(login.jar, new URL('/session/end', idp.issuer));
    expect(await logout.text()).toContain('Sign out of Latchkey Mock IdP');
    expect(logout.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it('is not sent on the JSON endpoints the app calls with fetch', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    expect(tokens.status).toBe(200);
    expect(tokens.headers.get('cross-origin-opener-policy')).toBeNull();
    for (const path of ['/.well-known/openid-configuration', '/jwks', '/__mock/settings']) {
      expect((await fetch(new URL(path, idp.issuer))).headers.get('cross-origin-opener-policy'), path).toBeNull();
    }
  });

  it('can be switched off and on at run time with setCoop', async () => {
    idp.setCoop(false);
    expect(idp.coop).toBe(false);
    const hops = await walkSignIn();
    for (const hop of hops) expect(hop, hop.label).toMatchObject({ coop: null });

    idp.setCoop(true);
    expect(idp.coop).toBe(true);
    const response = await fetch(authorizationUrl(), { redirect: 'manual' });
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it('setCoop refuses anything but a boolean', () => {
    expect(() => idp.setCoop('yes' as unknown as boolean)).toThrow(MockIdpError);
    expect(() => idp.setCoop('yes' as unknown as boolean)).toThrow(/setCoop\(enabled\) must be true or false/);
    expect(idp.coop).toBe(true);
  });
});

describe('Cross-Origin-Opener-Policy by default', () => {
  it('is off: no page or redirect carries it', async () => {
    const idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri] }] });
    try {
      expect(idp.coop).toBe(false);
      const auth = authorizationUrlFor(idp.issuer, { scope: 'openid' });
      const jar = new CookieJar();
      const first = await browserFetch(jar, auth);
      expect(first.status).toBe(303);
      expect(first.headers.get('cross-origin-opener-policy')).toBeNull();
      const page = await browserFetch(jar, new URL(first.headers.get('Location')!, auth));
      expect(await page.text()).toContain('Sign in to Latchkey Mock IdP');
      expect(page.headers.get('cross-origin-opener-policy')).toBeNull();
    } finally {
      await idp.close();
    }
  });
});
