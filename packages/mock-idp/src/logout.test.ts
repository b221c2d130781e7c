import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMockIdp, type MockIdp } from './index.js';
import { browserFetch } from './browserFetch.js';
import { driveLogin } from './test/driveLogin.js';
import { followLogout } from './test/followLogout.js';
import { redeemCode } from './test/redeemCode.js';
import { refresh } from './test/refresh.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';

describe('RP-initiated logout', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({
      clients: [
        { clientId, redirectUris: [redirectUri] },
        { clientId: 'custom', redirectUris: [redirectUri], postLogoutRedirectUris: ['http://127.0.0.1:5173/signed-out'] },
      ],
    });
  });
  afterAll(() => idp.close());

  async function signIn() {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    return { jar: login.jar, idToken: tokens.body['id_token'] as string, refreshToken: tokens.body['refresh_token'] as string };
  }

  function endSessionUrl(params: Record<string, string>): URL {
    const url = new URL('/session/end', idp.issuer);
    url.search = new URLSearchParams(params).toString();
    return url;
  }

  it('ends the IdP session and returns to the post_logout_redirect_uri with state', async () => {
    const { jar, idToken, refreshToken } = await signIn();
    const logout = await followLogout(
      endSessionUrl({ id_token_hint: idToken, post_logout_redirect_uri: 'http://127.0.0.1:5173/', state: 'bye' }),
      jar,
    );
    expect(logout.redirectedTo?.href).toBe('http://127.0.0.1:5173/?state=bye');

    const next = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, jar });
    expect(next.logins).toBe(1);
    expect(next.code).toEqual(expect.any(String));

    const renewal = await refresh({ issuer: idp.issuer, clientId, refreshToken });
    expect(renewal.body['error']).toBe('invalid_grant');
  });

  it('shows a confirmation page that submits itself and keeps a labelled button without JavaScript', async () => {
    const { jar, idToken } = await signIn();
    const logout = await followLogout(
      endSessionUrl({ id_token_hint: idToken, post_logout_redirect_uri: 'http://127.0.0.1:5173' }),
      jar,
    );
    const html = logout.confirmation?.html ?? '';
    expect(html).toContain('<h1>Sign out of Latchkey Mock IdP</h1>');
    expect(html).toContain('<form id="op.logoutForm" method="post"');
    expect(html).toContain('<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>');
    expect(html).toMatch(/<script>[\s\S]*form\.submit\(\)[\s\S]*<\/script>/);
    expect(logout.redirectedTo?.href).toBe('http://127.0.0.1:5173/');
  });

  it('shows a signed-out page when no post_logout_redirect_uri is given', async () => {
    const { jar, idToken } = await signIn();
    const logout = await followLogout(endSessionUrl({ id_token_hint: idToken }), jar);
    expect(logout.redirectedTo).toBeUndefined();
    expect(logout.page?.html).toContain('<h1>Signed out</h1>');
  });

  it('refuses a post_logout_redirect_uri that is not registered', async () => {
    const { jar, idToken } = await signIn();
    const response = await browserFetch(
      jar,
      endSessionUrl({ id_token_hint: idToken, post_logout_redirect_uri: 'http://evil.example/' }),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('post_logout_redirect_uri not registered');
  });

  it('accepts only the post-logout redirect URIs the client registered, when it registered some', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId: 'custom', redirectUri });
    const tokens = await redeemCode({ issuer: idp.issuer, clientId: 'custom', redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    const idToken = tokens.body['id_token'] as string;
    const origin = await fetch(endSessionUrl({ id_token_hint: idToken, post_logout_redirect_uri: 'http://127.0.0.1:5173/' }));
    expect(origin.status).toBe(400);

    const logout = await followLogout(
      endSessionUrl({ id_token_hint: idToken, post_logout_redirect_uri: 'http://127.0.0.1:5173/signed-out' }),
      login.jar,
    );
    expect(logout.redirectedTo?.href).toBe('http://127.0.0.1:5173/signed-out');
  });
});
