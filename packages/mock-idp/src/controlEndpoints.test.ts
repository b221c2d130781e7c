import { request } from 'node:http';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { createMockIdp, mockFaults, type MockIdp } from './index.js';
import { driveLogin } from './test/driveLogin.js';
import { redeemCode } from './test/redeemCode.js';

const clientId = 'demo';
const redirectUri = 'http://127.0.0.1:5173/callback';

describe('/__mock endpoints', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId, redirectUris: [redirectUri] }] });
  });
  afterAll(() => idp.close());
  beforeEach(() => {
    idp.clearFaults();
    idp.clearJournal();
    idp.setConsent('auto');
    idp.setCoop(false);
  });

  function call(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(new URL(path, idp.issuer), {
      method,
      ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
  }

  /**
   * A request to 127.0.0.1 with the Host header given, as from a page on another site whose name
   * resolves to 127.0.0.1 (DNS rebinding). fetch would set Host itself.
   */
  function requestWithHost(method: string, path: string, host: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const outgoing = request({ host: '127.0.0.1', port: idp.port, method, path, headers: { Host: host } }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  }

  it('POST /__mock/faults replaces the active faults', async () => {
    idp.setFault('jwks_500');
    const response = await call('POST', '/__mock/faults', { faults: ['token_endpoint_500', 'discovery_500'] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ faults: ['token_endpoint_500', 'discovery_500'] });
    expect(idp.faults).toEqual(['token_endpoint_500', 'discovery_500']);
    expect((await fetch(`${idp.issuer}/.well-known/openid-configuration`)).status).toBe(500);
    expect(await (await call('GET', '/__mock/faults')).json()).toEqual({ faults: ['token_endpoint_500', 'discovery_500'] });
  });

  it('POST /__mock/faults accepts every fault name', async () => {
    const response = await call('POST', '/__mock/faults', { faults: mockFaults });
    expect(response.status).toBe(200);
    expect(idp.faults).toEqual(mockFaults);
    idp.clearFaults();
  });

  it('POST /__mock/faults rejects unknown fault names with 400 and changes nothing', async () => {
    idp.setFault('jwks_500');
    const response = await call('POST', '/__mock/faults', { faults: ['jwks_500', 'disk_full'] });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'unknown_fault', error_description: expect.stringContaining('"disk_full"') });
    expect(idp.faults).toEqual(['jwks_500']);
  });

  it('POST /__mock/faults rejects a body that is not { faults: [...] }', async () => {
    expect((await call('POST', '/__mock/faults', ['jwks_500'])).status).toBe(400);
    const notJson = await fetch(`${idp.issuer}/__mock/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
  });

  it('DELETE /__mock/faults clears the faults', async () => {
    idp.setFault('jwks_500');
    expect((await call('DELETE', '/__mock/faults')).status).toBe(204);
    expect(idp.faults).toEqual([]);
  });

  it('POST /__mock/consent switches the consent mode', async () => {
    const response = await call('POST', '/__mock/consent', { consent: 'prompt' });
    expect(await response.json()).toEqual({ consent: 'prompt' });
    expect(idp.consent).toBe('prompt');
    const login = await driveLogin({ issuer: idp.issuer, clientId, redirectUri, consent: 'deny' });
    expect(login.error).toBe('access_denied');
    expect((await call('POST', '/__mock/consent', { consent: 'sometimes' })).status).toBe(400);
    expect(await (await call('GET', '/__mock/consent')).json()).toEqual({ consent: 'prompt' });
  });

  it('GET /__mock/settings reads coop and consent, POST changes the ones it is given', async () => {
    expect(await (await call('GET', '/__mock/settings')).json()).toEqual({ coop: false, consent: 'auto', accessTokenTtl: 300, requireDpopNonce: false, deviceCodeInterval: 5 });

    const coopOn = await call('POST', '/__mock/settings', { coop: true });
    expect(coopOn.status).toBe(200);
    expect(await coopOn.json()).toEqual({ coop: true, consent: 'auto', accessTokenTtl: 300, requireDpopNonce: false, deviceCodeInterval: 5 });
    expect(idp.coop).toBe(true);
    const auth = await fetch(`${idp.issuer}/auth?client_id=${clientId}`, { redirect: 'manual' });
    expect(auth.headers.get('cross-origin-opener-policy')).toBe('same-origin');

    expect(await (await call('POST', '/__mock/settings', { consent: 'prompt' })).json()).toEqual({ coop: true, consent: 'prompt', accessTokenTtl: 300, requireDpopNonce: false, deviceCodeInterval: 5 });
    expect(idp.consent).toBe('prompt');
    expect(await (await call('POST', '/__mock/settings', { coop: false, consent: 'auto' })).json()).toEqual({ coop: false, consent: 'auto', accessTokenTtl: 300, requireDpopNonce: false, deviceCodeInterval: 5 });
    expect(await (await call('GET', '/__mock/consent')).json()).toEqual({ consent: 'auto' });

    expect(await (await call('POST', '/__mock/settings', { requireDpopNonce: true })).json()).toMatchObject({ requireDpopNonce: true });
    expect(idp.requireDpopNonce).toBe(true);
    idp.setRequireDpopNonce(false);
  });

  it.each([
    ['a coop that is not a boolean', { coop: 'true', consent: 'prompt' }, /coop must be true or false/],
    ['an unknown consent mode', { coop: true, consent: 'sometimes' }, /consent must be "auto" or "prompt"/],
    ['an unknown setting', { coop: true, COOP: true }, /unknown setting "COOP"/],
    ['an array', [true], /expected a JSON body/],
    ['a requireDpopNonce that is not a boolean', { coop: true, requireDpopNonce: 'yes' }, /requireDpopNonce must be true or false/],
    ['a deviceCodeInterval that is not a whole number of seconds', { coop: true, deviceCodeInterval: 0.5 }, /deviceCodeInterval must be a whole number/],
  ])('POST /__mock/settings rejects %s with 400 and changes nothing', async (_name, body, message) => {
    const response = await call('POST', '/__mock/settings', body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringMatching(message) });
    expect({ coop: idp.coop, consent: idp.consent }).toEqual({ coop: false, consent: 'auto' });
  });

  it('GET /__mock/journal lists the requests and DELETE clears it', async () => {
    await fetch(`${idp.issuer}/jwks`);
    const { entries } = (await (await call('GET', '/__mock/journal')).json()) as { entries: unknown[] };
    expect(entries).toEqual([{ at: expect.any(String), method: 'GET', path: '/jwks', status: 200 }]);
    expect((await call('DELETE', '/__mock/journal')).status).toBe(204);
    expect(idp.journal()).toEqual([]);
  });

  it('answers 405 for a wrong method and 404 for an unknown endpoint', async () => {
    const wrong = await call('PUT', '/__mock/journal');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, DELETE');
    expect((await call('DELETE', '/__mock/settings')).headers.get('allow')).toBe('GET, POST');
    expect((await call('GET', '/__mock/nothing')).status).toBe(404);
  });

  it('refuses a Host other than a loopback name with its port, with 403 and says why, and changes nothing', async () => {
    idp.setFault('jwks_500');
    const refused = await requestWithHost('DELETE', '/__mock/faults', `evil.example:${idp.port}`);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toEqual({
      error: 'forbidden_host',
      error_description: expect.stringContaining(
        `answer only Host 127.0.0.1:${idp.port}, localhost:${idp.port}, [::1]:${idp.port}, not "evil.example:${idp.port}"`,
      ),
    });
    expect(idp.faults).toEqual(['jwks_500']);
    expect((await requestWithHost('GET', '/__mock/journal', `127.0.0.1:${idp.port + 1}`)).status).toBe(403);
  });

  it.each(['127.0.0.1', 'localhost', '[::1]'])('answers Host %s:PORT', async (name) => {
    expect((await requestWithHost('GET', '/__mock/faults', `${name}:${idp.port}`)).status).toBe(200);
  });

  it('leaves the OpenID endpoints open to any Host', async () => {
    expect((await requestWithHost('GET', '/.well-known/openid-configuration', `evil.example:${idp.port}`)).status).toBe(200);
  });
});

describe('access token lifetime at run time', () => {
  it('issues tokens with the lifetime set over /__mock/settings, and rejects a bad one', async () => {
    const idp = await createMockIdp({ port: 0, clients: [{ clientId: 'spa', redirectUris: ['http://127.0.0.1:5173/callback'] }] });
    try {
      const set = (body: unknown) =>
        fetch(`${idp.issuer}/__mock/settings`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect((await set({ accessTokenTtl: 0 })).status).toBe(400);
      const response = await set({ accessTokenTtl: 5 });
      expect(await response.json()).toMatchObject({ accessTokenTtl: 5 });
      expect(idp.accessTokenTtl).toBe(5);
      const login = await driveLogin({ issuer: idp.issuer, clientId: 'spa', redirectUri: 'http://127.0.0.1:5173/callback' });
      const tokens = await redeemCode({ issuer: idp.issuer, clientId: 'spa', redirectUri: 'http://127.0.0.1:5173/callback', code: login.code ?? '', codeVerifier: login.codeVerifier });
      expect(tokens.body['expires_in']).toBe(5);
    } finally {
      await idp.close();
    }
  });
});
