import { request } from 'node:http';
import { createServer } from 'node:net';

import { describe, expect, it } from 'vitest';

import { createMockIdp, defaultUsers, MockIdpError, type MockIdpOptions } from './index.js';
import { driveLogin } from './test/driveLogin.js';
import { redeemCode } from './test/redeemCode.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';
const clients = [{ clientId, redirectUris: [redirectUri] }];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

async function rejection(options: MockIdpOptions): Promise<unknown> {
  return createMockIdp(options).then(
    async (idp) => {
      await idp.close();
      return undefined;
    },
    (error: unknown) => error,
  );
}

describe('createMockIdp', () => {
  it('starts on a free port of 127.0.0.1, with the issuer on that port, and answers discovery once it resolves', async () => {
    const idp = await createMockIdp({ clients });
    try {
      expect(idp.port).toBeGreaterThan(0);
      expect(idp.issuer).toBe(`http://127.0.0.1:${idp.port}`);
      const discovery = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
      expect(discovery.status).toBe(200);
      expect(((await discovery.json()) as Record<string, unknown>)['issuer']).toBe(idp.issuer);
      expect(idp.users).toEqual(defaultUsers);
      expect(idp.consent).toBe('auto');
      expect(idp.faults).toEqual([]);
      expect(idp.coop).toBe(false);
    } finally {
      await idp.close();
    }
  });

  it('listens on the port it is given, and on 127.0.0.1 only', async () => {
    const port = await freePort();
    const idp = await createMockIdp({ clients, port });
    try {
      expect(idp.port).toBe(port);
      expect((await fetch(`http://127.0.0.1:${port}/jwks`)).status).toBe(200);
      await expect(fetch(`http://[::1]:${port}/jwks`)).rejects.toThrow();
    } finally {
      await idp.close();
    }
  });

  it('fails to start when the port is taken', async () => {
    const idp = await createMockIdp({ clients });
    try {
      expect(await rejection({ clients, port: idp.port })).toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await idp.close();
    }
  });

  it('uses the issuer it is given', async () => {
    const port = await freePort();
    const idp = await createMockIdp({ clients, port, issuer: `http://localhost:${port}/` });
    try {
      expect(idp.issuer).toBe(`http://localhost:${port}`);
      const metadata = (await (await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      expect(metadata['issuer']).toBe(`http://localhost:${port}`);
      // oidc-provider builds endpoint URLs from the Host the request came to.
      expect(metadata['token_endpoint']).toBe(`http://127.0.0.1:${port}/token`);
    } finally {
      await idp.close();
    }
  });

  it('signs in the users it is given', async () => {
    const users = [{ username: 'bob', password: 'builder', claims: { sub: 'u-1', name: 'Bob', roles: ['builder'] } }];
    const idp = await createMockIdp({ clients, users });
    try {
      expect(idp.users).toEqual(users);
      const wrong = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, username: 'alice' });
      expect(wrong.code).toBeUndefined();
      const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, username: 'bob', password: 'builder' });
      const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
      const [, payload = ''] = (tokens.body['id_token'] as string).split('.');
      expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ sub: 'u-1', name: 'Bob', roles: ['builder'] });
    } finally {
      await idp.close();
    }
  });

  it('issues access tokens for the API it is given', async () => {
    const idp = await createMockIdp({ clients, api: { audience: 'https://api.example.com', scopes: ['todo:read'] } });
    try {
      const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, scope: 'openid todo:read orders:read' });
      const tokens = await redeemCode({ issuer: idp.issuer, clientId, redirectUri, code: login.code!, codeVerifier: login.codeVerifier });
      const [, payload = ''] = (tokens.body['access_token'] as string).split('.');
      expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ aud: 'https://api.example.com', scope: 'todo:read' });
    } finally {
      await idp.close();
    }
  });

  it('closes with a keep-alive connection and an unfinished request open, and twice without harm', async () => {
    const idp = await createMockIdp({ clients });
    await (await fetch(`${idp.issuer}/jwks`)).text();
    // The headers of a request whose body never comes: the connection stays busy until the IdP ends
    // it. The IdP's 100 Continue says it has read them.
    const unfinished = request(new URL('/__mock/faults', idp.issuer), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': '100', Expect: '100-continue' },
    });
    const ended = new Promise<Error>((resolve) => unfinished.once('error', resolve));
    const read = new Promise((resolve) => unfinished.once('continue', resolve));
    unfinished.flushHeaders();
    await read;

    // Nothing else ends that request while the test runs: close() resolves only because it ends connections.
    await idp.close();
    await idp.close();
    expect(await ended).toBeInstanceOf(Error);
    await expect(fetch(`${idp.issuer}/jwks`)).rejects.toThrow();
  });
});

describe('createMockIdp option checks', () => {
  it.each<[string, Partial<MockIdpOptions>, RegExp]>([
    ['a relative redirect URI', { clients: [{ clientId, redirectUris: ['/callback'] }] }, /clients\[0\]\.redirectUris\[0\] must be an absolute http\(s\) URL, got "\/callback"/],
    ['a non-http redirect URI', { clients: [{ clientId, redirectUris: ['javascript:alert(1)'] }] }, /clients\[0\]\.redirectUris\[0\] must be an absolute http\(s\) URL/],
    ['a redirect URI with a fragment', { clients: [{ clientId, redirectUris: ['http://127.0.0.1:5173/cb#x'] }] }, /must not have a fragment/],
    ['no redirect URI', { clients: [{ clientId, redirectUris: [] }] }, /clients\[0\]\.redirectUris must list at least one/],
    ['a bad post-logout redirect URI', { clients: [{ clientId, redirectUris: [redirectUri], postLogoutRedirectUris: ['nope'] }] }, /clients\[0\]\.postLogoutRedirectUris\[0\]/],
    ['a refreshTokens that is not a boolean', { clients: [{ clientId, redirectUris: [redirectUri], refreshTokens: 'no' as unknown as boolean }] }, /clients\[0\]\.refreshTokens must be true or false, got "no"/],
    ['a coop that is not a boolean', { coop: 1 as unknown as boolean }, /coop must be true or false, got 1/],
    ['no clients', { clients: [] }, /clients must list at least one client/],
    ['an empty client id', { clients: [{ clientId: '', redirectUris: [redirectUri] }] }, /clients\[0\]\.clientId/],
    ['a client id used twice', { clients: [...clients, ...clients] }, /clients\[1\]\.clientId "demo" is registered twice/],
    ['a port out of range', { port: 70000 }, /port must be an integer from 0 to 65535/],
    ['an issuer with a path', { issuer: 'http://127.0.0.1:9400/oidc' }, /issuer must be an http\(s\) origin/],
    ['a negative TTL', { accessTokenTtl: -1 }, /accessTokenTtl must be a positive whole number of seconds/],
    ['a fractional TTL', { refreshTokenTtl: 1.5 }, /refreshTokenTtl/],
    ['an unknown consent mode', { consent: 'never' as 'auto' }, /consent must be 'auto' or 'prompt'/],
    ['an API audience that is not a URI', { api: { audience: 'orders api', scopes: [] } }, /api\.audience must be an absolute URI/],
    ['an OpenID scope as API scope', { api: { audience: 'urn:x', scopes: ['openid'] } }, /api\.scopes must not contain the OpenID scope "openid"/],
    ['a user without sub', { users: [{ username: 'x', password: 'x', claims: { sub: '' } }] }, /users\[0\]\.claims\.sub/],
    ['a username used twice', { users: [...defaultUsers, defaultUsers[0]!] }, /users\[2\]\.username "alice" is used twice/],
  ])('rejects %s with a MockIdpError naming the field', async (_name, options, message) => {
    const error = await rejection({ clients, ...options });
    expect(error).toBeInstanceOf(MockIdpError);
    expect(error).toMatchObject({ code: 'invalid_option', message: expect.stringMatching(message) });
  });
});
