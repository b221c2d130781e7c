import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { CookieJar } from './CookieJar.js';
import { createMockIdp, type MockIdp } from './index.js';
import { driveLogin } from './test/driveLogin.js';
import { redeemCode } from './test/redeemCode.js';
import { refresh } from './test/refresh.js';
import { silentAuthorize } from './test/silentAuthorize.js';

const redirectUri = 'http://127.0.0.1:5173/callback';
const silentRedirectUri = 'http://127.0.0.1:5173/silent-callback.html';

describe('a client without refresh tokens', () => {
  let idp: MockIdp;
  const clientId = 'iframe-renewing';
  beforeAll(async () => {
    idp = await createMockIdp({
      clients: [
        { clientId, redirectUris: [redirectUri, silentRedirectUri], refreshTokens: false },
        { clientId: 'demo', redirectUris: [redirectUri] },
      ],
    });
  });
  afterAll(() => idp.close());

  async function signIn(id = clientId) {
    const login = await driveLogin({ issuer: idp.issuer, clientId: id, redirectUri });
    const tokens = await redeemCode({ issuer: idp.issuer, clientId: id, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    return { jar: login.jar, tokens };
  }

  it('gets no refresh token from the code flow, even when it asks for offline_access', async () => {
    const { tokens } = await signIn();
    expect(tokens.status).toBe(200);
    expect(tokens.body['access_token']).toEqual(expect.any(String));
    expect(tokens.body['id_token']).toEqual(expect.any(String));
    expect(tokens.body).not.toHaveProperty('refresh_token');
    expect(String(tokens.body['scope']).split(' ')).not.toContain('offline_access');
  });

  it('may not use the refresh_token grant', async () => {
    const { tokens: other } = await signIn('demo');
    const refused = await refresh({ issuer: idp.issuer, clientId, refreshToken: other.body['refresh_token'] as string });
    expect(refused.status).toBe(400);
    // oidc-provider's answer; RFC 6749 would have unauthorized_client.
    expect(refused.body).toEqual({ error: 'invalid_request', error_description: 'requested grant type is not allowed for this client' });
  });

  it('leaves the other clients their refresh tokens', async () => {
    const { tokens } = await signIn('demo');
    expect(tokens.body['refresh_token']).toEqual(expect.any(String));
  });

  it('renews silently: prompt=none with the IdP session cookie gets a code at once, without any page', async () => {
    const { jar } = await signIn();
    const silent = await silentAuthorize({ issuer: idp.issuer, clientId, redirectUri: silentRedirectUri, jar });
    expect(silent.response.status).toBe(303);
    expect(silent.error).toBeUndefined();
    expect(silent.code).toEqual(expect.any(String));
    expect(silent.callbackUrl?.searchParams.get('state')).toBe(silent.state);
    expect(silent.callbackUrl?.searchParams.get('iss')).toBe(idp.issuer);

    const renewed = await redeemCode({
      issuer: idp.issuer,
      clientId,
      redirectUri: silentRedirectUri,
      code: silent.code!,
      codeVerifier: silent.codeVerifier,
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body['access_token']).toEqual(expect.any(String));
    expect(renewed.body).not.toHaveProperty('refresh_token');
  });

  it('answers prompt=none without the session cookie with error=login_required', async () => {
    await signIn();
    const silent = await silentAuthorize({ issuer: idp.issuer, clientId, redirectUri: silentRedirectUri, jar: new CookieJar() });
    expect(silent.response.status).toBe(303);
    expect(silent.code).toBeUndefined();
    expect(silent.error).toBe('login_required');
    expect(silent.callbackUrl?.searchParams.get('state')).toBe(silent.state);
  });
});

describe('silent renewal from an iframe of the app', () => {
  let idp: MockIdp;
  const clientId = 'demo';
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri, silentRedirectUri] }] });
  });
  afterAll(() => idp.close());
  afterEach(() => {
    idp.clearFaults();
    idp.setCoop(false);
  });

  async function sessionJar(): Promise<CookieJar> {
    return (await driveLogin({ issuer: idp.issuer, clientId, redirectUri })).jar;
  }

  function expectFrameable(response: Response): void {
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('content-security-policy') ?? '').not.toContain('frame-ancestors');
  }

  it.each([false, true])('sends nothing that forbids framing on prompt=none answers (coop %s)', async (coop) => {
    idp.setCoop(coop);
    const withSession = await silentAuthorize({ issuer: idp.issuer, clientId, redirectUri: silentRedirectUri, jar: await sessionJar() });
    expect(withSession.code).toEqual(expect.any(String));
    expectFrameable(withSession.response);

    const withoutSession = await silentAuthorize({ issuer: idp.issuer, clientId, redirectUri: silentRedirectUri, jar: new CookieJar() });
    expect(withoutSession.error).toBe('login_required');
    expectFrameable(withoutSession.response);

    idp.setFault('login_required');
    const faulted = await silentAuthorize({ issuer: idp.issuer, clientId, redirectUri: silentRedirectUri, jar: await sessionJar() });
    expect(faulted.error).toBe('login_required');
    expectFrameable(faulted.response);
  });

  it.each(['auto', 'prompt'] as const)(
    'answers consent_required to a scope the sign-in did not grant (consent %s): no page can grant it',
    async (consent) => {
      idp.setConsent(consent);
      try {
        const { jar } = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, scope: 'openid profile' });
        const same = await silentAuthorize({ issuer: idp.issuer, clientId, redirectUri: silentRedirectUri, jar, scope: 'openid profile offline_access' });
        expect(same.code).toEqual(expect.any(String));
        const more = await silentAuthorize({ issuer: idp.issuer, clientId, redirectUri: silentRedirectUri, jar, scope: 'openid profile orders:read' });
        expect(more.response.status).toBe(303);
        expect(more.error).toBe('consent_required');
      } finally {
        idp.setConsent('auto');
      }
    },
  );

  it('sets a session cookie a browser sends to a same-site iframe: host-only, Path=/, SameSite=Lax', async () => {
    const silent = await silentAuthorize({ issuer: idp.issuer, clientId, redirectUri: silentRedirectUri, jar: await sessionJar() });
    // The app (127.0.0.1:5173) and the IdP (127.0.0.1:<port>) are the same site: a site ignores the port.
    expect(new URL(idp.issuer).hostname).toBe(new URL(silentRedirectUri).hostname);
    const session = silent.response.headers.getSetCookie().find((cookie) => cookie.startsWith('_session='));
    expect(session).toBeDefined();
    const attributes = (session ?? '').split(';').slice(1).map((attribute) => attribute.trim().toLowerCase());
    expect(attributes).toContain('path=/');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).toContain('httponly');
    expect(attributes.some((attribute) => attribute.startsWith('domain='))).toBe(false);
    // Secure only over https; an http IdP on 127.0.0.1 must not ask for it, or the cookie is dropped.
    expect(attributes).not.toContain('secure');
  });
});
