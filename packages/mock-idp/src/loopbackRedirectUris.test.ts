import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMockIdp, type MockIdp } from './index.js';
import { browserFetch } from './browserFetch.js';
import { CookieJar } from './CookieJar.js';
import { followAuthorization } from './followAuthorization.js';
import { buildAuthorizationRequest } from './test/buildAuthorizationRequest.js';
import { driveLogin } from './test/driveLogin.js';
import { followLogout } from './test/followLogout.js';
import { linksIn } from './test/linksIn.js';
import { redeemCode } from './test/redeemCode.js';

describe('localhost and 127.0.0.1 are one loopback host for redirect URIs', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({
      clients: [
        { clientId: 'numeric', redirectUris: ['http://127.0.0.1:5180/callback'] },
        { clientId: 'named', redirectUris: ['http://localhost:5181/callback'] },
      ],
    });
  });
  afterAll(() => idp.close());

  /** Signs in through `redirectUri` and redeems the code from a page on that URI's origin. */
  async function signInThrough(clientId: string, redirectUri: string) {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const tokens =
      login.code === undefined
        ? undefined
        : await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code, codeVerifier: login.codeVerifier, origin: new URL(redirectUri).origin });
    return { login, tokens };
  }

  it('signs in an app served on localhost whose client registered 127.0.0.1', async () => {
    const { login, tokens } = await signInThrough('numeric', 'http://localhost:5180/callback');
    expect(login.callbackUrl?.origin).toBe('http://localhost:5180');
    expect(tokens?.status).toBe(200);
    expect(tokens?.headers.get('access-control-allow-origin')).toBe('http://localhost:5180');
  });

  it('signs in an app served on 127.0.0.1 whose client registered localhost', async () => {
    const { login, tokens } = await signInThrough('named', 'http://127.0.0.1:5181/callback');
    expect(login.callbackUrl?.origin).toBe('http://127.0.0.1:5181');
    expect(tokens?.status).toBe(200);
  });

  it.each([
    ['another port', 'http://localhost:5190/callback'],
    ['another path', 'http://localhost:5180/other'],
    ['another scheme', 'https://localhost:5180/callback'],
    ['another host', 'http://127.0.0.2:5180/callback'],
  ])('still refuses %s', async (_name, redirectUri) => {
    const { login } = await signInThrough('numeric', redirectUri);
    expect(login.callbackUrl).toBeUndefined();
    expect(login.page?.status).toBe(400);
  });

  it('returns to a post-logout redirect URI on the other loopback name', async () => {
    const { login, tokens } = await signInThrough('numeric', 'http://localhost:5180/callback');
    const endSession = new URL('/session/end', idp.issuer);
    endSession.searchParams.set('id_token_hint', tokens?.body['id_token'] as string);
    endSession.searchParams.set('post_logout_redirect_uri', 'http://localhost:5180/');
    const logout = await followLogout(endSession, login.jar);
    expect(logout.redirectedTo?.href).toBe('http://localhost:5180/');
  });

  it('names the redirect URI sent and the ones registered, escaped, with a way back to the app', async () => {
    const sent = 'http://127.0.0.1:6666/cb?next=<script>alert(1)</script>';
    const { authorizationUrl } = buildAuthorizationRequest({ issuer: idp.issuer, clientId: 'numeric', redirectUri: sent });
    const response = await fetch(authorizationUrl, { headers: { Accept: 'text/html' } });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('http://127.0.0.1:6666/cb?next=&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('http://127.0.0.1:5180/callback');
    expect(html).not.toContain('http://localhost:5181/callback');
    expect(linksIn(html)).toEqual(['http://127.0.0.1:5180/']);
  });

  it('names the post_logout_redirect_uri sent and the ones registered when it is not registered', async () => {
    const endSession = new URL('/session/end', idp.issuer);
    endSession.searchParams.set('client_id', 'named');
    endSession.searchParams.set('post_logout_redirect_uri', 'http://localhost:5181/elsewhere');
    const response = await fetch(endSession, { headers: { Accept: 'text/html' } });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('http://localhost:5181/elsewhere');
    expect(html).toContain('http://localhost:5181/callback');
    expect(linksIn(html)).toEqual(['http://localhost:5181/']);
  });

  it('links "Sign-in expired" back to the loopback name the sign-in came from', async () => {
    const jar = new CookieJar();
    const { authorizationUrl } = buildAuthorizationRequest({ issuer: idp.issuer, clientId: 'numeric', redirectUri: 'http://localhost:5180/callback' });
    const interactionUrl = new URL((await browserFetch(jar, authorizationUrl)).headers.get('Location') ?? '', idp.issuer);
    await followAuthorization(interactionUrl, { redirectUri: 'http://localhost:5180/callback', jar });

    const back = await (await browserFetch(jar, interactionUrl)).text();
    expect(back).toContain('Sign-in expired');
    expect(linksIn(back)).toEqual(['http://localhost:5180/']);
  });
});
