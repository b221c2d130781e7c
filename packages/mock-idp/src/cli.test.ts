import { describe, expect, it } from 'vitest';

import { parseCliArgs } from './parseCliArgs.js';
import { runCli, type CliIo } from './runCli.js';

function recordingIo(stop: Promise<unknown> = new Promise(() => {})) {
  const out: string[] = [];
  const error: string[] = [];
  const io: CliIo = { out: (text) => out.push(text), error: (text) => error.push(text), waitForStop: () => stop };
  return { io, out, error };
}

describe('parseCliArgs', () => {
  it('turns an origin into the callback and popup-callback redirect URIs', () => {
    expect(parseCliArgs(['--client', 'demo=http://127.0.0.1:5173'])).toEqual({
      kind: 'run',
      options: {
        port: 9400,
        clients: [{ clientId: 'demo', redirectUris: ['http://127.0.0.1:5173/callback', 'http://127.0.0.1:5173/popup-callback.html'] }],
      },
    });
  });

  it('keeps a redirect URI with a path as given, and merges a repeated client id', () => {
    const command = parseCliArgs([
      '--port', '0',
      '--client', 'demo=http://127.0.0.1:5173/cb',
      '--client', 'other=http://localhost:3000/',
      '--client', 'demo=http://127.0.0.1:5173/silent.html',
      '--access-token-ttl', '60',
      '--refresh-token-ttl', '120',
      '--id-token-ttl', '90',
      '--consent', 'prompt',
      '--issuer', 'http://localhost:9400',
    ]);
    expect(command).toEqual({
      kind: 'run',
      options: {
        port: 0,
        issuer: 'http://localhost:9400',
        accessTokenTtl: 60,
        idTokenTtl: 90,
        refreshTokenTtl: 120,
        consent: 'prompt',
        clients: [
          { clientId: 'demo', redirectUris: ['http://127.0.0.1:5173/cb', 'http://127.0.0.1:5173/silent.html'] },
          { clientId: 'other', redirectUris: ['http://localhost:3000/callback', 'http://localhost:3000/popup-callback.html'] },
        ],
      },
    });
  });

  it('--no-refresh-tokens turns refresh tokens off for every --client, --coop turns COOP on', () => {
    expect(
      parseCliArgs([
        '--client', 'demo=http://127.0.0.1:5173',
        '--client', 'other=http://127.0.0.1:3000/cb',
        '--no-refresh-tokens',
        '--coop',
      ]),
    ).toEqual({
      kind: 'run',
      options: {
        port: 9400,
        coop: true,
        clients: [
          { clientId: 'demo', redirectUris: ['http://127.0.0.1:5173/callback', 'http://127.0.0.1:5173/popup-callback.html'], refreshTokens: false },
          { clientId: 'other', redirectUris: ['http://127.0.0.1:3000/cb'], refreshTokens: false },
        ],
      },
    });
  });

  it('recognises --help and -h', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], /at least one --client/],
    [['--client', 'demo'], /--client takes ID=URL/],
    [['--client', '=http://x'], /--client takes ID=URL/],
    [['--client', 'demo=/callback'], /not an absolute http\(s\) URL/],
    [['--client', 'demo=http://x', '--port', 'abc'], /--port must be a whole number/],
    [['--client', 'demo=http://x', '--access-token-ttl', '1.5'], /--access-token-ttl must be a whole number/],
    [['--client', 'demo=http://x', '--consent', 'never'], /--consent must be auto or prompt/],
    [['--client', 'demo=http://x', '--verbose'], /Unknown option '--verbose'/],
    [['--client', 'demo=http://x', '--coop=yes'], /--coop/],
    [['--client', 'demo=http://x', 'extra'], /positional/],
  ])('rejects %j', (args, message) => {
    expect(() => parseCliArgs(args)).toThrow(message);
  });
});

describe('runCli', () => {
  it('prints usage for --help', async () => {
    const { io, out } = recordingIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(out.join('\n')).toContain('Usage: latchkey-mock-idp');
    expect(out.join('\n')).toContain('--no-refresh-tokens');
    expect(out.join('\n')).toContain('--coop');
  });

  it('exits with 2 and a clear message on bad arguments', async () => {
    const { io, error } = recordingIo();
    expect(await runCli(['--port', '9400'], io)).toBe(2);
    expect(error.join('\n')).toMatch(/^latchkey-mock-idp: at least one --client/);
  });

  it('exits with 2 when the options are invalid', async () => {
    const { io, error } = recordingIo();
    expect(await runCli(['--port', '70000', '--client', 'demo=http://127.0.0.1:5173'], io)).toBe(2);
    expect(error.join('\n')).toContain('port must be an integer from 0 to 65535');
  });

  it('says in the banner when refresh tokens are off and COOP is on', async () => {
    let stop: (value?: unknown) => void = () => {};
    const { io, out } = recordingIo(new Promise((resolve) => (stop = resolve)));
    const running = runCli(['--port', '0', '--client', 'demo=http://127.0.0.1:5173', '--no-refresh-tokens', '--coop'], io);
    await expect.poll(() => out.length, { timeout: 15_000 }).toBe(1);
    expect(out[0]).toContain('demo  http://127.0.0.1:5173/callback  (no refresh tokens)');
    expect(out[0]).toContain('Cross-Origin-Opener-Policy: same-origin');
    const issuer = /Issuer {2}(\S+)/.exec(out[0] ?? '')?.[1] ?? '';
    const response = await fetch(`${issuer}/auth?client_id=demo`, { redirect: 'manual' });
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    stop();
    expect(await running).toBe(0);
  });

  it('prints the issuer, the clients and the test users, then closes when told to stop', async () => {
    let stop: (value?: unknown) => void = () => {};
    const { io, out } = recordingIo(new Promise((resolve) => (stop = resolve)));
    const running = runCli(['--port', '0', '--client', 'demo=http://127.0.0.1:5173'], io);
    await expect.poll(() => out.length, { timeout: 15_000 }).toBe(1);
    const banner = out[0] ?? '';
    const issuer = /Issuer {2}(\S+)/.exec(banner)?.[1] ?? '';
    expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(banner).toContain('demo  http://127.0.0.1:5173/callback');
    expect(banner).toContain('http://127.0.0.1:5173/popup-callback.html');
    expect(banner).toMatch(/alice \/ alice\s+Alice Liddell \(user\)/);
    expect(banner).toMatch(/admin \/ admin\s+Ada Admin \(admin, user\)/);
    expect((await fetch(`${issuer}/.well-known/openid-configuration`)).status).toBe(200);

    stop();
    expect(await running).toBe(0);
    await expect(fetch(`${issuer}/jwks`)).rejects.toThrow();
  });
});
