import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { deviceCodeGrantType } from './deviceCodeGrantType.js';
import { createMockIdp, followAuthorization, type MockIdp } from './index.js';
import { postToken } from './test/postToken.js';

const clientId = 'demo';
const origin = 'http://127.0.0.1:5173';

describe('device authorization grant (RFC 8628)', () => {
  let idp: MockIdp;
  beforeAll(async () => {
    idp = await createMockIdp({ clients: [{ clientId, redirectUris: [`${origin}/callback`] }] });
  });
  afterAll(() => idp.close());
  afterEach(async () => {
    idp.clearFaults();
    idp.clearJournal();
    await fetch(`${idp.issuer}/__mock/settings`, { method: 'POST', body: JSON.stringify({ deviceCodeInterval: 5 }), headers: { 'Content-Type': 'application/json' } });
  });

  async function startDevice(): Promise<Record<string, unknown>> {
    const discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    const response = await fetch(String(discovery['device_authorization_endpoint']), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
      body: new URLSearchParams({ client_id: clientId, scope: 'openid profile offline_access' }).toString(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    return (await response.json()) as Record<string, unknown>;
  }

  const poll = (deviceCode: unknown) =>
    postToken({ issuer: idp.issuer, clientId, origin }, { grant_type: deviceCodeGrantType, device_code: String(deviceCode) });

  it('announces the device endpoint, and answers a device authorization with a code, the pages and an interval', async () => {
    const started = await startDevice();
    expect(started).toMatchObject({
      device_code: expect.any(String),
      user_code: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
      verification_uri: `${idp.issuer}/device`,
      verification_uri_complete: expect.stringContaining(`${idp.issuer}/device?user_code=`),
      expires_in: 600,
      interval: 5,
    });
    expect(idp.journal()).toEqual([
      expect.objectContaining({ method: 'GET', path: '/.well-known/openid-configuration', status: 200 }),
      expect.objectContaining({ method: 'POST', path: '/device/auth', status: 200, at: expect.any(String) }),
    ]);
  });

  it('takes the interval it announces from the deviceCodeInterval setting', async () => {
    await fetch(`${idp.issuer}/__mock/settings`, { method: 'POST', body: JSON.stringify({ deviceCodeInterval: 1 }), headers: { 'Content-Type': 'application/json' } });
    expect((await startDevice())['interval']).toBe(1);
  });

  it('answers authorization_pending until the user approves on the verification page, then tokens', async () => {
    const started = await startDevice();
    const pending = await poll(started['device_code']);
    expect(pending.status).toBe(400);
    expect(pending.body['error']).toBe('authorization_pending');

    const walk = await followAuthorization(String(started['verification_uri_complete']), { username: 'alice' });
    expect(walk.logins).toBe(1);
    expect(walk.page?.html).toContain('data-mock-idp="device-success"');

    const tokens = await poll(started['device_code']);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ access_token: expect.any(String), id_token: expect.any(String), refresh_token: expect.any(String) });
    const polls = idp.journal().filter((entry) => entry.grantType === deviceCodeGrantType);
    expect(polls.map((entry) => entry.error ?? entry.status)).toEqual(['authorization_pending', 200]);
  });

  it('answers access_denied after the user cancels on the confirmation page', async () => {
    const started = await startDevice();
    await followAuthorization(String(started['verification_uri_complete']), { consent: 'deny' });
    expect((await poll(started['device_code'])).body['error']).toBe('access_denied');
  });

  it('shows the user-code page, in its own look, at the verification URI', async () => {
    const page = await fetch(`${idp.issuer}/device`);
    const html = await page.text();
    expect(html).toContain('Latchkey Mock IdP');
    expect(html).toContain('data-mock-idp="device-code"');
    expect(html).toContain('name="user_code" aria-label="Code shown on your device"');
  });

  it.each([
    ['device_slow_down', 'slow_down'],
    ['device_access_denied', 'access_denied'],
    ['device_expired_token', 'expired_token'],
  ] as const)('%s: a device code poll answers %s, readable by the client origin, and the journal shows it', async (fault, error) => {
    const started = await startDevice();
    idp.setFault(fault);
    const answer = await poll(started['device_code']);
    expect(answer.status).toBe(400);
    expect(answer.body['error']).toBe(error);
    expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
    expect(idp.journal().at(-1)).toMatchObject({ path: '/token', grantType: deviceCodeGrantType, status: 400, error, at: expect.any(String) });

    idp.clearFaults();
    expect((await poll(started['device_code'])).body['error']).toBe('authorization_pending');
  });
});
