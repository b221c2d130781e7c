import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createMockIdp, type MockIdp } from './index.js';
import { browserFetch } from './browserFetch.js';
import { CookieJar } from './CookieJar.js';
import { followAuthorization } from './followAuthorization.js';
import { buildAuthorizationRequest } from './test/buildAuthorizationRequest.js';
import { driveLogin } from './test/driveLogin.js';
import { followLogout } from './test/followLogout.js';
import { linksIn } from './test/linksIn.js';
import { redeemCode } from './test/redeemCode.js';

const app = 'http://127.0.0.1:5173';
const otherApp = 'http://127.0.0.1:5174';

describe('every page the IdP shows instead of going back links back to the app', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({
      clients: [
        { clientId: 'demo', redirectUris: [`${app}/callback`, `${app}/popup-callback.html`] },
        { clientId: 'other', redirectUris: [`${otherApp}/callback`] },
      ],
    });
  });
  afterAll(() => idp.close());
  afterEach(() => idp.clearFaults());

  it('links "Sign-in expired", shown on the back button after a sign-in, to the app that started it', async () => {
    const jar = new CookieJar();
    const { authorizationUrl } = buildAuthorizationRequest({ issuer: idp.issuer, clientId: 'other', redirectUri: `${otherApp}/callback` });
    const start = await browserFetch(jar, authorizationUrl);
    const interactionUrl = new URL(start.headers.get('Location') ?? '', idp.issuer);
    const signIn = await followAuthorization(interactionUrl, { redirectUri: `${otherApp}/callback`, jar });
    expect(signIn.code).toEqual(expect.any(String));

    const back = await browserFetch(jar, interactionUrl);
    const html = await back.text();
    expect(html).toContain('Sign-in expired');
    expect(linksIn(html)).toEqual([`${otherApp}/`]);
  });

  it('links a page that cannot tell which app sent the user to every registered app', async () => {
    const html = await (await fetch(new URL('/interaction/nope', idp.issuer))).text();
    expect(html).toContain('Sign-in expired');
    expect(linksIn(html)).toEqual([`${app}/`, `${otherApp}/`]);
  });

  // The confirmation signs the user out of the IdP, not out of one app, so oidc-provider does not
  // tell the page which app asked: it links to each.
  it('links the "Signed out" page to the registered apps', async () => {
    const login = await driveLogin({ issuer: idp.issuer, clientId: 'demo', redirectUri: `${app}/callback` });
    const tokens = await redeemCode({ issuer: idp.issuer, clientId: 'demo', redirectUri: `${app}/callback`, code: login.code!, codeVerifier: login.codeVerifier });
    const endSession = new URL('/session/end', idp.issuer);
    endSession.searchParams.set('id_token_hint', tokens.body['id_token'] as string);
    const logout = await followLogout(endSession, login.jar);
    expect(logout.page?.html).toContain('<h1>Signed out</h1>');
    expect(linksIn(logout.page?.html ?? '')).toEqual([`${app}/`, `${otherApp}/`]);
  });

  it('links an error about a known client to that client\'s app only, never to a URL the request named', async () => {
    const { authorizationUrl } = buildAuthorizationRequest({ issuer: idp.issuer, clientId: 'other', redirectUri: 'http://evil.example/callback' });
    const response = await fetch(authorizationUrl);
    expect(response.status).toBe(400);
    expect(linksIn(await response.text())).toEqual([`${otherApp}/`]);
  });

  it.each([
    ['an unknown client', () => buildAuthorizationRequest({ issuer: idp.issuer, clientId: 'nobody', redirectUri: `${app}/callback` }).authorizationUrl, {}],
    ['a form posted to a page that only answers GET', () => new URL('/interaction/nope', idp.issuer), { method: 'POST' }],
    ['a logout to an unregistered post_logout_redirect_uri', () => new URL('/session/end?client_id=demo&post_logout_redirect_uri=http%3A%2F%2Fevil.example%2F', idp.issuer), {}],
  ] as const)('links the error page for %s to registered apps only', async (_name, url, init) => {
    // As a browser navigates: oidc-provider answers JSON to a client that does not ask for HTML.
    const response = await fetch(url(), { ...init, headers: { Accept: 'text/html' } });
    expect(response.status).toBeGreaterThanOrEqual(400);
    const links = linksIn(await response.text());
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect([`${app}/`, `${otherApp}/`]).toContain(link);
  });

  it('links the login_required fault\'s error page to the registered apps', async () => {
    idp.setFault('login_required');
    const { authorizationUrl } = buildAuthorizationRequest({ issuer: idp.issuer, clientId: 'demo', redirectUri: 'http://evil.example/callback' });
    const response = await fetch(authorizationUrl, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(linksIn(await response.text())).toEqual([`${app}/`]);
  });
});
