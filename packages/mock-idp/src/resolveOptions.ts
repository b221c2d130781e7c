import { defaultUsers } from './defaultUsers.js';
import { MockIdpError } from './MockIdpError.js';
import type { MockConsentMode, MockIdpOptions } from './MockIdpOptions.js';
import type { MockUser } from './MockUser.js';
import { withLoopbackAliases } from './withLoopbackAliases.js';

export interface ResolvedClient {
  clientId: string;
  /** As registered: what pages name, and what they link back to. */
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** What the IdP accepts: the registered URIs, each on a loopback host also on its other name. */
  acceptedRedirectUris: string[];
  acceptedPostLogoutRedirectUris: string[];
  /** Origins of the accepted redirect URIs: the only origins allowed to call the IdP from a browser. */
  origins: ReadonlySet<string>;
  refreshTokens: boolean;
}

export interface ResolvedOptions {
  port: number;
  issuer: string | undefined;
  clients: ResolvedClient[];
  users: readonly MockUser[];
  accessTokenTtl: number;
  idTokenTtl: number;
  refreshTokenTtl: number;
  sessionTtl: number;
  consent: MockConsentMode;
  slowTokenDelayMs: number;
  api: { audience: string; scopes: string[] };
  coop: boolean;
}

const oidcScopes = new Set(['openid', 'profile', 'email', 'offline_access']);

/** Checks `createMockIdp` options and fills in defaults; throws `MockIdpError('invalid_option')` naming the field. */
export function resolveOptions(options: MockIdpOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw invalid('createMockIdp needs an options object with at least `clients`');
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw invalid(`port must be an integer from 0 to 65535, got ${JSON.stringify(port)}`);
  }

  return {
    port,
    issuer: options.issuer === undefined ? undefined : resolveIssuer(options.issuer),
    clients: resolveClients(options.clients),
    users: resolveUsers(options.users ?? defaultUsers),
    accessTokenTtl: resolveTtl('accessTokenTtl', options.accessTokenTtl, 300),
    idTokenTtl: resolveTtl('idTokenTtl', options.idTokenTtl, 300),
    refreshTokenTtl: resolveTtl('refreshTokenTtl', options.refreshTokenTtl, 3600),
    sessionTtl: resolveTtl('sessionTtl', options.sessionTtl, 86400),
    consent: resolveConsentMode(options.consent ?? 'auto', 'consent'),
    slowTokenDelayMs: resolveDelay(options.slowTokenDelayMs),
    api: resolveApi(options.api),
    coop: resolveFlag(options.coop ?? false, 'coop'),
  };
}

export function resolveFlag(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw invalid(`${field} must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

export function resolveConsentMode(value: unknown, field: string): MockConsentMode {
  if (value !== 'auto' && value !== 'prompt') {
    throw invalid(`${field} must be 'auto' or 'prompt', got ${JSON.stringify(value)}`);
  }
  return value;
}

function resolveIssuer(issuer: string): string {
  const url = typeof issuer === 'string' ? URL.parse(issuer) : null;
  if (
    !url ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.pathname !== '/' ||
    url.search ||
    url.hash
  ) {
    // The IdP serves its endpoints from the root of its own server, so an issuer with a path
    // would advertise URLs nothing answers.
    throw invalid(`issuer must be an http(s) origin such as http://127.0.0.1:9400, got ${JSON.stringify(issuer)}`);
  }
  return url.origin;
}

function resolveClients(clients: MockIdpOptions['clients']): ResolvedClient[] {
  if (!isList(clients) || clients.length === 0) {
    throw invalid('clients must list at least one client, e.g. [{ clientId: "demo", redirectUris: ["http://127.0.0.1:5173/callback"] }]');
  }
  const seen = new Set<string>();
  return clients.map((client, index) => {
    const field = `clients[${index}]`;
    if (typeof client?.clientId !== 'string' || client.clientId === '') {
      throw invalid(`${field}.clientId must be a non-empty string`);
    }
    if (seen.has(client.clientId)) {
      throw invalid(`${field}.clientId "${client.clientId}" is registered twice`);
    }
    seen.add(client.clientId);

    if (!isList(client.redirectUris) || client.redirectUris.length === 0) {
      throw invalid(`${field}.redirectUris must list at least one absolute http(s) URL`);
    }
    const redirectUris = client.redirectUris.map((uri, i) => resolveUri(uri, `${field}.redirectUris[${i}]`));
    const registeredOrigins = new Set(redirectUris.map((uri) => new URL(uri).origin));

    let postLogoutRedirectUris: string[];
    if (client.postLogoutRedirectUris === undefined) {
      // The redirect URIs too, so a popup sign-out can come back to the popup callback page.
      postLogoutRedirectUris = [...[...registeredOrigins].flatMap((origin) => [origin, `${origin}/`]), ...redirectUris];
    } else if (isList(client.postLogoutRedirectUris)) {
      postLogoutRedirectUris = client.postLogoutRedirectUris.map((uri, i) =>
        resolveUri(uri, `${field}.postLogoutRedirectUris[${i}]`),
      );
    } else {
      throw invalid(`${field}.postLogoutRedirectUris must be an array of absolute http(s) URLs`);
    }

    const refreshTokens = resolveFlag(client.refreshTokens ?? true, `${field}.refreshTokens`);

    const acceptedRedirectUris = withLoopbackAliases(redirectUris);
    return {
      clientId: client.clientId,
      redirectUris,
      postLogoutRedirectUris,
      acceptedRedirectUris,
      acceptedPostLogoutRedirectUris: withLoopbackAliases(postLogoutRedirectUris),
      origins: new Set(acceptedRedirectUris.map((uri) => new URL(uri).origin)),
      refreshTokens,
    };
  });
}

function resolveUri(uri: unknown, field: string): string {
  const url = typeof uri === 'string' ? URL.parse(uri) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw invalid(`${field} must be an absolute http(s) URL, got ${JSON.stringify(uri)}`);
  }
  if (url.hash) {
    throw invalid(`${field} must not have a fragment, got ${JSON.stringify(uri)}`);
  }
  // Registered as written: the IdP compares redirect URIs as exact strings (see withLoopbackAliases).
  return uri as string;
}

function resolveUsers(users: readonly MockUser[]): readonly MockUser[] {
  if (!isList(users)) throw invalid('users must be an array of { username, password, claims: { sub, … } }');
  const usernames = new Set<string>();
  const subs = new Set<string>();
  users.forEach((user, index) => {
    const field = `users[${index}]`;
    if (typeof user?.username !== 'string' || user.username === '') {
      throw invalid(`${field}.username must be a non-empty string`);
    }
    if (typeof user.password !== 'string') throw invalid(`${field}.password must be a string`);
    if (typeof user.claims?.sub !== 'string' || user.claims.sub === '') {
      throw invalid(`${field}.claims.sub must be a non-empty string`);
    }
    if (usernames.has(user.username)) throw invalid(`${field}.username "${user.username}" is used twice`);
    if (subs.has(user.claims.sub)) throw invalid(`${field}.claims.sub "${user.claims.sub}" is used twice`);
    usernames.add(user.username);
    subs.add(user.claims.sub);
  });
  return users;
}

export function resolveTtl(field: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw invalid(`${field} must be a positive whole number of seconds, got ${JSON.stringify(value)}`);
  }
  return value;
}

function resolveDelay(value: number | undefined): number {
  if (value === undefined) return 3000;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalid(`slowTokenDelayMs must be a whole number of milliseconds, got ${JSON.stringify(value)}`);
  }
  return value;
}

function resolveApi(api: MockIdpOptions['api']): ResolvedOptions['api'] {
  if (api === undefined) return { audience: 'urn:latchkey:api', scopes: ['orders:read', 'orders:write'] };
  if (typeof api.audience !== 'string' || !URL.canParse(api.audience) || api.audience.includes('#')) {
    throw invalid(`api.audience must be an absolute URI without a fragment (e.g. urn:latchkey:api), got ${JSON.stringify(api.audience)}`);
  }
  if (!isList(api.scopes)) throw invalid('api.scopes must be an array of scope names');
  for (const scope of api.scopes) {
    if (typeof scope !== 'string' || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope)) {
      throw invalid(`api.scopes has an invalid scope name: ${JSON.stringify(scope)}`);
    }
    if (oidcScopes.has(scope)) {
      throw invalid(`api.scopes must not contain the OpenID scope "${scope}"`);
    }
  }
  return { audience: api.audience, scopes: [...api.scopes] };
}

// Array.isArray narrows a readonly array to any[]; this keeps the element type.
function isList<T>(value: readonly T[] | undefined): value is readonly T[] {
  return Array.isArray(value);
}

function invalid(message: string): MockIdpError {
  return new MockIdpError('invalid_option', message);
}
