import { parseArgs } from 'node:util';

import type { MockClient, MockIdpOptions } from './MockIdpOptions.js';

export const usage = `Usage: latchkey-mock-idp [options]

Starts the Latchkey mock OpenID Provider on 127.0.0.1 until Ctrl+C.

Options:
  --client ID=URL           Register a public client; repeat for more. URL is a redirect URI,
                            or an origin (http://127.0.0.1:5173), which registers
                            ORIGIN/callback and ORIGIN/popup-callback.html.
  --port N                  Port on 127.0.0.1 (default 9400; 0 picks a free one).
  --issuer URL              Issuer identifier (default http://127.0.0.1:PORT).
  --access-token-ttl S      Access token lifetime in seconds (default 300).
  --id-token-ttl S          ID token lifetime in seconds (default 300).
  --refresh-token-ttl S     Refresh token lifetime in seconds (default 3600).
  --consent auto|prompt     Show a consent page after login (default auto: no page).
  --no-refresh-tokens       Issue no refresh tokens to any --client: the app must renew
                            with prompt=none in a hidden iframe.
  --coop                    Send Cross-Origin-Opener-Policy: same-origin on IdP pages,
                            redirects and /auth, as real IdPs do (cuts a popup's opener).
  -h, --help                Show this help.

Example:
  latchkey-mock-idp --port 9400 --client demo=http://127.0.0.1:5173

Faults, settings and the request journal can be switched over HTTP: see /__mock/faults,
/__mock/settings and /__mock/journal in the README.`;

/** A command line that cannot be run; the message says what is wrong. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export type CliCommand = { kind: 'help' } | { kind: 'run'; options: MockIdpOptions & { clients: MockClient[] } };

const defaultPort = 9400;

/** Turns `latchkey-mock-idp` arguments into `createMockIdp` options. */
export function parseCliArgs(args: readonly string[]): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        client: { type: 'string', multiple: true },
        port: { type: 'string' },
        issuer: { type: 'string' },
        'access-token-ttl': { type: 'string' },
        'id-token-ttl': { type: 'string' },
        'refresh-token-ttl': { type: 'string' },
        consent: { type: 'string' },
        'no-refresh-tokens': { type: 'boolean' },
        coop: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (cause) {
    throw new CliUsageError(cause instanceof Error ? cause.message : String(cause), { cause });
  }
  if (values.help) return { kind: 'help' };

  if (values.client === undefined || values.client.length === 0) {
    throw new CliUsageError('at least one --client ID=URL is needed, e.g. --client demo=http://127.0.0.1:5173');
  }
  const options: MockIdpOptions & { clients: MockClient[] } = {
    clients: parseClients(values.client, values['no-refresh-tokens'] !== true),
    port: values.port === undefined ? defaultPort : wholeNumber('--port', values.port),
  };
  if (values.issuer !== undefined) options.issuer = values.issuer;
  if (values['access-token-ttl'] !== undefined) {
    options.accessTokenTtl = wholeNumber('--access-token-ttl', values['access-token-ttl']);
  }
  if (values['id-token-ttl'] !== undefined) options.idTokenTtl = wholeNumber('--id-token-ttl', values['id-token-ttl']);
  if (values['refresh-token-ttl'] !== undefined) {
    options.refreshTokenTtl = wholeNumber('--refresh-token-ttl', values['refresh-token-ttl']);
  }
  if (values.consent !== undefined) {
    if (values.consent !== 'auto' && values.consent !== 'prompt') {
      throw new CliUsageError(`--consent must be auto or prompt, got "${values.consent}"`);
    }
    options.consent = values.consent;
  }
  if (values.coop) options.coop = true;
  return { kind: 'run', options };
}

function parseClients(specs: readonly string[], refreshTokens: boolean): MockClient[] {
  const redirectUris = new Map<string, string[]>();
  for (const spec of specs) {
    const separator = spec.indexOf('=');
    const clientId = spec.slice(0, separator);
    const target = spec.slice(separator + 1);
    if (separator <= 0 || target === '') {
      throw new CliUsageError(`--client takes ID=URL, e.g. demo=http://127.0.0.1:5173, got "${spec}"`);
    }
    const url = URL.parse(target);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new CliUsageError(`--client ${clientId}: "${target}" is not an absolute http(s) URL`);
    }
    const isOrigin = url.pathname === '/' && !url.search && !url.hash && !target.includes('?') && !target.includes('#');
    const uris = isOrigin ? [`${url.origin}/callback`, `${url.origin}/popup-callback.html`] : [target];
    const known = redirectUris.get(clientId) ?? [];
    redirectUris.set(clientId, [...known, ...uris.filter((uri) => !known.includes(uri))]);
  }
  return [...redirectUris].map(([clientId, uris]) =>
    refreshTokens ? { clientId, redirectUris: uris } : { clientId, redirectUris: uris, refreshTokens: false },
  );
}

function wholeNumber(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new CliUsageError(`${flag} must be a whole number, got "${value}"`);
  return Number(value);
}
