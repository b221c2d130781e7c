import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMockIdp, type MockIdp } from './index.js';
import { browserFetch } from './browserFetch.js';
import { CookieJar } from './CookieJar.js';
import { driveLogin } from './test/driveLogin.js';
import { redeemCode } from './test/redeemCode.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';

describe('authorization code + PKCE', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri] }] });
  });
  afterAll(() => idp.close());

  it('signs alice in and issues an ID token with her profile and a JWT access token for the API', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    expect(login.error).toBeUndefined();
    expect(login.code).toEqual(expect.any(String));
    expect(login.callbackUrl?.searchParams.get('state')).toBe(login.state);
    expect(login.callbackUrl?.searchParams.get('iss')).toBe(idp.issuer);

    const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    expect(tokens.body['refresh_token']).toEqual(expect.any(String));

    const jwks = createRemoteJWKSet(new URL('/jwks', idp.issuer));
    const idToken = await jwtVerify(tokens.body['id_token'] as string, jwks, { issuer: idp.issuer, audience: clientId });
    expect(idToken.payload).toMatchObject({
      sub: 'alice',
      name: 'Alice Liddell',
      given_name: 'Alice',
      family_name: 'Liddell',
      preferred_username: 'alice',
      email: 'alice@example.com',
      email_verified: true,
      roles: ['user'],
      nonce: login.nonce,
    });

    const accessToken = await jwtVerify(tokens.body['access_token'] as string, jwks, {
      issuer: idp.issuer,
      audience: 'urn:latchkey:api',
      typ: 'at+jwt',
    });
    expect(accessToken.payload).toMatchObject({ sub: 'alice', client_id: clientId });
    expect(String(accessToken.payload['scope']).split(' ')).toContain('orders:read');
    expect(String(accessToken.payload['scope']).split(' ')).not.toContain('orders:write');
    expect(tokens.body['scope']).toEqual(expect.stringContaining('orders:read'));
  });

  it('carries the roles of the admin user', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, username: 'admin' });
    const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    expect(decodeJwt(tokens.body['id_token'] as string)).toMatchObject({ sub: 'admin', name: 'Ada Admin', roles: ['admin', 'user'] });
  });

  it('redeems a code only once', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const redeem = () => redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    expect((await redeem()).status).toBe(200);
    const second = await redeem();
    expect(second.status).toBe(400);
    expect(second.body['error']).toBe('invalid_grant');
  });

  it('rejects a code redeemed with the wrong code_verifier', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: 'x'.repeat(43) });
    expect(tokens.body['error']).toBe('invalid_grant');
  });

  it('rejects an authorization request without code_challenge', async () => {
    const login = await driveLogin({
      issuer: idp.issuer,
      clientId,
      redirectUri,
      params: { code_challenge: null, code_challenge_method: null },
    });
    expect(login.code).toBeUndefined();
    expect(login.error).toBe('invalid_request');
    expect(login.callbackUrl?.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(login.logins).toBe(0);
  });

  it('rejects the plain code_challenge_method', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, params: { code_challenge_method: 'plain' } });
    expect(login.code).toBeUndefined();
    expect(login.error).toBe('invalid_request');
  });

  it('rejects response types other than code', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, params: { response_type: 'id_token' } });
    expect(login.code).toBeUndefined();
    expect(login.error).toBe('unsupported_response_type');
  });

  it('keeps the user on the login page with an alert after a wrong password', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, password: 'wrong' });
    expect(login.code).toBeUndefined();
    expect(login.callbackUrl).toBeUndefined();
    expect(login.page?.status).toBe(200);
    expect(login.page?.html).toContain('<p role="alert" id="login-error">Wrong username or password.</p>');
    expect(login.page?.html).toContain('value="alice"');
  });

  it('renders an accessible login page that lists the test users', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, params: { login_hint: '"><script>x</script>' }, password: 'wrong' });
    const html = login.page?.html ?? '';
    expect(html).toContain('<h1>Sign in to Latchkey Mock IdP</h1>');
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toMatch(/<input id="username" name="username"/);
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toMatch(/<input id="password" name="password" type="password"/);
    expect(html).toContain('<button type="submit">Sign in</button>');
    expect(html).toContain('<code>alice</code> / <code>alice</code>');
    expect(html).toContain('<code>admin</code> / <code>admin</code>');
    expect(html).not.toContain('<script>x</script>');
  });

  it('pre-fills the username from login_hint, escaped', async () => {
    const jar = new CookieJar();
    const url = new URL('/auth', idp.issuer);
    url.search = new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      login_hint: '"><script>alert(1)</script>',
    }).toString();
    const first = await browserFetch(jar, url);
    const page = await browserFetch(jar, new URL(first.headers.get('Location')!, url));
    const html = await page.text();
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('reuses the IdP session for a second authorization request', async () => {
    const first = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const second = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, jar: first.jar });
    expect(second.logins).toBe(0);
    expect(second.code).toEqual(expect.any(String));
  });

  it('answers prompt=none without a session with login_required', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, params: { prompt: 'none' } });
    expect(login.error).toBe('login_required');
    expect(login.callbackUrl?.searchParams.get('state')).toBe(login.state);
  });

  it('answers prompt=none with a session with a code', async () => {
    const first = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const silent = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, jar: first.jar, params: { prompt: 'none' } });
    expect(silent.code).toEqual(expect.any(String));
  });

  it('refuses an unregistered redirect URI without redirecting', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri: 'http://127.0.0.1:6666/callback' });
    expect(login.callbackUrl).toBeUndefined();
    expect(login.page?.status).toBe(400);
    expect(login.page?.html).toContain('redirect_uri');
  });

  it('answers /favicon.ico, so IdP pages cause no console errors', async () => {
    expect((await fetch(`${idp.issuer}/favicon.ico`)).status).toBe(204);
  });

  it('shows a clear page, not a failed load, for an expired or unknown interaction (the back button)', async () => {
    const response = await fetch(new URL('/interaction/nope', idp.issuer));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Sign-in expired');
  });
});
