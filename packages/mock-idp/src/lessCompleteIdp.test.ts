import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createMockIdp, type MockFault, type MockIdp } from './index.js';
import { driveLogin } from './test/driveLogin.js';
import { redeemCode } from './test/redeemCode.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';

describe('faults that make the IdP look like a less complete one', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri] }] });
  });
  afterAll(() => idp.close());
  afterEach(() => idp.clearFaults());

  async function discovery(): Promise<Record<string, unknown>> {
    return (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
  }

  const changes: [MockFault, string, unknown][] = [
    ['discovery_without_end_session', 'end_session_endpoint', undefined],
    ['discovery_without_revocation', 'revocation_endpoint', undefined],
    ['discovery_without_iss_parameter', 'authorization_response_iss_parameter_supported', undefined],
    ['discovery_without_refresh_grant', 'grant_types_supported', ['authorization_code', 'urn:ietf:params:oauth:grant-type:device_code']],
    ['discovery_pkce_plain_only', 'code_challenge_methods_supported', ['plain']],
    ['discovery_id_token_hs256_only', 'id_token_signing_alg_values_supported', ['HS256']],
  ];
  for (const [fault, field, value] of changes) {
    it(`${fault}: changes ${field} in discovery, and nothing else`, async () => {
      const usual = await discovery();
      idp.setFault(fault);
      const changed = await discovery();
      expect(changed[field]).toEqual(value);
      expect({ ...changed, [field]: usual[field] }).toEqual(usual);
    });
  }

  it('discovery_without_revocation: the revocation endpoint still revokes', async () => {
    idp.setFault('discovery_without_revocation');
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
    const revoked = await fetch(`${idp.issuer}/token/revocation`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: clientId, token: tokens.body['refresh_token'] as string }),
    });
    expect(revoked.status).toBe(200);
    expect(idp.journal().at(-1)).toMatchObject({ path: '/token/revocation', status: 200 });
  });

  it('offline_access_unsupported: scopes_supported lacks offline_access, and asking for it answers invalid_scope', async () => {
    idp.setFault('offline_access_unsupported');
    const scopes = (await discovery())['scopes_supported'] as string[];
    expect(scopes).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));
    expect(scopes).not.toContain('offline_access');

    const refused = await driveLogin({ issuer: idp.issuer, clientId, redirectUri });
    expect(refused.code).toBeUndefined();
    expect(refused.error).toBe('invalid_scope');
    expect(refused.callbackUrl?.searchParams.get('state')).toBe(refused.state);

    const signedIn = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, scope: 'openid profile email' });
    expect(signedIn.code).toEqual(expect.any(String));
  });

  it('date_header_ahead: the Date header is ten minutes ahead', async () => {
    idp.setFault('date_header_ahead');
    const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    const aheadSeconds = (Date.parse(response.headers.get('date')!) - Date.now()) / 1000;
    expect(aheadSeconds).toBeGreaterThan(590);
    expect(aheadSeconds).toBeLessThan(610);
  });
});
