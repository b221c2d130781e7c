import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMockIdp, type MockIdp } from './index.js';

describe('discovery', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId: 'demo', redirectUris: ['http://127.0.0.1:5173/callback'] }] });
  });
  afterAll(() => idp.close());

  it('publishes an OpenID Provider configuration for public clients with PKCE', async () => {
    const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: `${idp.issuer}/auth`,
      token_endpoint: `${idp.issuer}/token`,
      jwks_uri: `${idp.issuer}/jwks`,
      end_session_endpoint: `${idp.issuer}/session/end`,
      revocation_endpoint: `${idp.issuer}/token/revocation`,
      introspection_endpoint: `${idp.issuer}/token/introspection`,
      userinfo_endpoint: `${idp.issuer}/me`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
      device_authorization_endpoint: `${idp.issuer}/device/auth`,
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      id_token_signing_alg_values_supported: ['RS256'],
      authorization_response_iss_parameter_supported: true,
    });
    expect(metadata['scopes_supported']).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'offline_access']));
    expect(metadata['claims_supported']).toEqual(
      expect.arrayContaining(['sub', 'name', 'preferred_username', 'roles', 'email', 'email_verified']),
    );
  });

  it('lets any origin read the discovery document and the JWKS', async () => {
    const headers = { Origin: 'http://elsewhere.example' };
    const discovery = await fetch(`${idp.issuer}/.well-known/openid-configuration`, { headers });
    expect(discovery.headers.get('access-control-allow-origin')).toBe('http://elsewhere.example');
    const jwks = await fetch(`${idp.issuer}/jwks`, { headers });
    expect(jwks.headers.get('access-control-allow-origin')).toBe('http://elsewhere.example');
  });

  it('publishes one public RS256 signing key', async () => {
    const { keys } = (await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    for (const privatePart of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(keys[0]).not.toHaveProperty(privatePart);
  });

  it('uses a new signing key for each IdP', async () => {
    const other = await createMockIdp({ clients: [{ clientId: 'demo', redirectUris: ['http://127.0.0.1:5173/callback'] }] });
    try {
      const kid = async (issuer: string) =>
        ((await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] }).keys[0]?.kid;
      expect(await kid(other.issuer)).not.toBe(await kid(idp.issuer));
    } finally {
      await other.close();
    }
  });
});
