import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { CookieJar } from './CookieJar.js';
import { createMockIdp, MockIdpError, mockFaults, type MockFault, type MockIdp } from './index.js';
import { driveLogin } from './test/driveLogin.js';
import { redeemCode } from './test/redeemCode.js';
import { refresh } from './test/refresh.js';
import { silentAuthorize } from './test/silentAuthorize.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';
const origin = 'http://127.0.0.1:5173';

describe('faults', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri] }] });
  });
  afterAll(() => idp.close());
  afterEach(() => idp.clearFaults());

  async function signIn() {
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    return { login, redeem: () => redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier, origin }) };
  }

  it('token_endpoint_500: the token endpoint answers 500 JSON that the client origin can read', async () => {
    const { redeem } = await signIn();
    idp.setFault('token_endpoint_500');
    const failed = await redeem();
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toMatch(/^application\/json/);
    expect(failed.body['error']).toBe('server_error');
    expect(failed.headers.get('access-control-allow-origin')).toBe(origin);

    idp.clearFaults();
    expect((await redeem()).status).toBe(200);
  });

  it('refresh_invalid_grant: a refresh answers 400 invalid_grant, while codes still redeem', async () => {
    const { redeem } = await signIn();
    idp.setFault('refresh_invalid_grant');
    const tokens = await redeem();
    expect(tokens.status).toBe(200);
    const refreshToken = tokens.body['refresh_token'] as string;

    const failed = await refresh({ issuer: idp.issuer, clientId, refreshToken, origin });
    expect(failed.status).toBe(400);
    expect(failed.body['error']).toBe('invalid_grant');
    expect(failed.headers.get('access-control-allow-origin')).toBe(origin);

    // The fault answered in place of the IdP: the token itself was not used up.
    idp.clearFaults();
    expect((await refresh({ issuer: idp.issuer, clientId, refreshToken })).status).toBe(200);
  });

  it('token_response_without_scope: code and refresh token responses leave out scope, and nothing else', async () => {
    const { redeem } = await signIn();
    const tokenMembers = ['access_token', 'expires_in', 'id_token', 'refresh_token', 'token_type'];
    idp.setFault('token_response_without_scope');
    const tokens = await redeem();
    expect(tokens.status).toBe(200);
    expect(Object.keys(tokens.body).sort()).toEqual(tokenMembers);
    expect(tokens.headers.get('access-control-allow-origin')).toBe(origin);

    const refreshed = await refresh({ issuer: idp.issuer, clientId, refreshToken: tokens.body['refresh_token'] as string, origin });
    expect(refreshed.status).toBe(200);
    expect(Object.keys(refreshed.body).sort()).toEqual(tokenMembers);

    // Error answers are left as they are.
    const reused = await refresh({ issuer: idp.issuer, clientId, refreshToken: tokens.body['refresh_token'] as string });
    expect(reused.body).toMatchObject({ error: 'invalid_grant' });

    idp.clearFaults();
    const { redeem: redeemAgain } = await signIn();
    expect((await redeemAgain()).body['scope']).toEqual(expect.stringContaining('orders:read'));
  });

  it('discovery_500: the discovery document answers 500', async () => {
    idp.setFault('discovery_500');
    const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: 'server_error' });
    expect((await fetch(`${idp.issuer}/.well-known/oauth-authorization-server`)).status).toBe(500);
  });

  it('jwks_500: the JWKS answers 500', async () => {
    idp.setFault('jwks_500');
    expect((await fetch(`${idp.issuer}/jwks`)).status).toBe(500);
    expect((await fetch(`${idp.issuer}/.well-known/openid-configuration`)).status).toBe(200);
  });

  it('login_required: every authorization request returns error=login_required with state and iss', async () => {
    const { login } = await signIn();
    idp.setFault('login_required');
    const again = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, jar: login.jar });
    expect(again.code).toBeUndefined();
    expect(again.error).toBe('login_required');
    expect(again.callbackUrl?.searchParams.get('state')).toBe(again.state);
    expect(again.callbackUrl?.searchParams.get('iss')).toBe(idp.issuer);
  });

  it('login_required: also answers prompt=none, with or without an IdP session', async () => {
    const { login } = await signIn();
    idp.setFault('login_required');
    for (const jar of [login.jar, new CookieJar()]) {
      const silent = await silentAuthorize({ issuer: idp.issuer, clientId, redirectUri, jar });
      expect(silent.response.status).toBe(303);
      expect(silent.code).toBeUndefined();
      expect(silent.error).toBe('login_required');
      expect(silent.callbackUrl?.searchParams.get('state')).toBe(silent.state);
      expect(silent.callbackUrl?.searchParams.get('iss')).toBe(idp.issuer);
    }
    // The session is still there: the fault answered in place of the IdP.
    idp.clearFaults();
    expect((await silentAuthorize({ issuer: idp.issuer, clientId, redirectUri, jar: login.jar })).code).toEqual(expect.any(String));
  });

  it('login_required: never redirects to an unregistered redirect URI', async () => {
    idp.setFault('login_required');
    const attempt = await driveLogin({ issuer: idp.issuer, clientId, redirectUri: 'http://evil.example/callback' });
    expect(attempt.callbackUrl).toBeUndefined();
    expect(attempt.page?.status).toBe(400);
  });

  it('userinfo_wrong_sub: the userinfo endpoint answers another sub than the ID token\'s', async () => {
    const tokens = await (await signIn()).redeem();
    const userinfo = async () => {
      const response = await fetch(`${idp.issuer}/me`, { headers: { Authorization: `Bearer ${tokens.body['access_token'] as string}` } });
      return (await response.json()) as Record<string, unknown>;
    };
    idp.setFault('userinfo_wrong_sub');
    expect(await userinfo()).toMatchObject({ sub: 'other-alice', name: 'Alice Liddell' });
    idp.clearFaults();
    expect(await userinfo()).toMatchObject({ sub: 'alice' });
  });

  it('discovery_issuer_mismatch: the discovery issuer has a / appended; its endpoints still work', async () => {
    idp.setFault('discovery_issuer_mismatch');
    for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']) {
      const metadata = (await (await fetch(`${idp.issuer}${path}`)).json()) as Record<string, string>;
      expect(metadata['issuer']).toBe(`${idp.issuer}/`);
      expect(metadata['jwks_uri']).toBe(`${idp.issuer}/jwks`);
    }
    const { redeem } = await signIn();
    expect((await redeem()).status).toBe(200);
  });

  it('authorization_response_wrong_iss: the authorization response carries another iss, and a code that redeems', async () => {
    idp.setFault('authorization_response_wrong_iss');
    const { login, redeem } = await signIn();
    expect(login.callbackUrl?.searchParams.get('iss')).toBe('https://other-issuer.example');
    expect(login.callbackUrl?.searchParams.get('state')).toBe(login.state);
    expect((await redeem()).status).toBe(200);

    // With the IdP session (no login page) too.
    const again = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, jar: login.jar });
    expect(again.logins).toBe(0);
    expect(again.callbackUrl?.searchParams.get('iss')).toBe('https://other-issuer.example');
  });

  it('keeps several faults active at once and lists them', () => {
    idp.setFault('discovery_500');
    idp.setFault('jwks_500');
    idp.setFault('jwks_500');
    expect(idp.faults).toEqual(['discovery_500', 'jwks_500']);
    idp.clearFaults();
    expect(idp.faults).toEqual([]);
  });

  it('throws a MockIdpError for an unknown fault', () => {
    let thrown: unknown;
    try {
      idp.setFault('disk_full' as MockFault);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MockIdpError);
    expect(thrown).toMatchObject({ code: 'unknown_fault', message: expect.stringContaining('disk_full') });
    expect(idp.faults).toEqual([]);
  });

  it('exports the list of fault names', () => {
    expect(mockFaults).toEqual([
      'token_endpoint_500',
      'refresh_invalid_grant',
      'discovery_500',
      'jwks_500',
      'login_required',
      'slow_token',
      'stalled_token_body',
      'token_response_without_scope',
      'id_token_wrong_issuer',
      'id_token_wrong_audience',
      'id_token_azp_mismatch',
      'id_token_missing_iat',
      'id_token_missing_sub',
      'id_token_expired',
      'id_token_invalid_nonce',
      'id_token_alg_none',
      'id_token_bad_signature',
      'id_token_key_rotated',
      'userinfo_wrong_sub',
      'discovery_issuer_mismatch',
      'authorization_response_wrong_iss',
      'discovery_without_end_session',
      'discovery_without_revocation',
      'discovery_without_iss_parameter',
      'discovery_without_refresh_grant',
      'discovery_pkce_plain_only',
      'discovery_id_token_hs256_only',
      'offline_access_unsupported',
      'date_header_ahead',
      'device_slow_down',
      'device_access_denied',
      'device_expired_token',
    ]);
  });
});
