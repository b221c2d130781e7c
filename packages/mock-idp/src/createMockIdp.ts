import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { JWK } from 'oidc-provider';

import { buildProviderConfiguration } from './buildProviderConfiguration.js';
import { createControlMiddleware } from './createControlMiddleware.js';
import { createCoopMiddleware } from './createCoopMiddleware.js';
import { createFaviconMiddleware } from './createFaviconMiddleware.js';
import { createFaultMiddleware } from './createFaultMiddleware.js';
import { createDeviceIntervalMiddleware } from './createDeviceIntervalMiddleware.js';
import { createInteractionMiddleware } from './createInteractionMiddleware.js';
import { createJournal } from './createJournal.js';
import { createJournalMiddleware } from './createJournalMiddleware.js';
import { createKeyRing } from './createKeyRing.js';
import { createResponseFaultMiddleware } from './createResponseFaultMiddleware.js';
import { createSigningKey } from './createSigningKey.js';
import { createTokenRequestMiddleware, type TokenRequestInfo } from './createTokenRequestMiddleware.js';
import { createUserinfoMiddleware } from './createUserinfoMiddleware.js';
import { isMockFault, mockFaults } from './MockFault.js';
import type { MockIdp } from './MockIdp.js';
import { MockIdpError } from './MockIdpError.js';
import type { MockIdpOptions } from './MockIdpOptions.js';
import type { MockIdpState } from './MockIdpState.js';
import { Provider } from './oidcProvider.js';
import { resolveConsentMode, resolveFlag, resolveOptions, resolveTtl } from './resolveOptions.js';

const host = '127.0.0.1';

/**
 * Starts a real OpenID Provider (oidc-provider) on 127.0.0.1 for tests and demos: public clients
 * with Authorization Code + PKCE S256, rotating refresh tokens, JWT access tokens for one API,
 * test users, a login page a test can drive, and switchable faults.
 *
 * @example
 * const idp = await createMockIdp({
 *   clients: [{ clientId: 'demo', redirectUris: ['http://127.0.0.1:5173/callback'] }],
 * })
 * // authority: idp.issuer; sign in as alice/alice or admin/admin
 * await idp.close()
 */
export async function createMockIdp(options: MockIdpOptions): Promise<MockIdp> {
  const resolved = resolveOptions(options);
  // The port must be bound before the issuer (which names it) and so the provider exist. A request that
  // arrives in between, such as a readiness probe, waits for the provider instead of hanging unanswered.
  let provideHandler!: (handler: RequestListener) => void;
  const handlerReady = new Promise<RequestListener>((resolve) => (provideHandler = resolve));
  const server = createServer((req, res) => {
    void handlerReady.then((handler) => handler(req, res));
  });
  let signingKey: JWK;
  try {
    [signingKey] = await Promise.all([createSigningKey(), listen(server, resolved.port)]);
  } catch (error) {
    server.close();
    server.closeAllConnections();
    throw error;
  }

  const port = (server.address() as AddressInfo).port;
  const issuer = resolved.issuer ?? `http://${host}:${port}`;
  const state: MockIdpState = {
    faults: new Set(),
    consent: resolved.consent,
    coop: resolved.coop,
    accessTokenTtl: resolved.accessTokenTtl,
    requireDpopNonce: false,
    deviceCodeInterval: 5,
    journal: createJournal(1000),
  };
  const tokenRequests = new WeakMap<object, TokenRequestInfo>();
  const closing = new AbortController();

  let provider: Provider;
  try {
    provider = new Provider(
      issuer,
      buildProviderConfiguration({
        options: resolved,
        state,
        signingKey,
        cookieKey: randomBytes(32).toString('base64url'),
        dpopNonceSecret: randomBytes(32),
      }),
    );
  } catch (cause) {
    server.close();
    server.closeAllConnections();
    throw new MockIdpError('invalid_option', `oidc-provider rejected the configuration: ${String(cause)}`, { cause });
  }

  provider.use(createJournalMiddleware(state.journal, tokenRequests));
  // Before the faults and the pages, so it sees the responses they answer with too.
  provider.use(createCoopMiddleware(state, provider.pathFor('authorization')));
  provider.use(createControlMiddleware(state, port));
  provider.use(
    createTokenRequestMiddleware(
      [provider.pathFor('token'), provider.pathFor('revocation'), provider.pathFor('introspection')],
      tokenRequests,
    ),
  );
  const paths = {
    authorization: provider.pathFor('authorization'),
    token: provider.pathFor('token'),
    // oidc-provider serves the same document at both well-known paths.
    discovery: ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server'],
    jwks: provider.pathFor('jwks'),
    // Served by the mock (oidc-provider's is off), at oidc-provider's path for it.
    userinfo: '/me',
    endSession: provider.pathFor('end_session'),
  };
  const keys = createKeyRing(signingKey);
  // Around the faults that answer in place, so that it alters their answers too.
  provider.use(createResponseFaultMiddleware({ issuer, state, keys, paths }));
  provider.use(
    createFaultMiddleware({
      issuer,
      state,
      clients: resolved.clients,
      paths,
      tokenRequests,
      slowTokenDelayMs: resolved.slowTokenDelayMs,
      closed: closing.signal,
    }),
  );
  provider.use(
    createUserinfoMiddleware({
      issuer,
      path: paths.userinfo,
      discovery: paths.discovery,
      audience: resolved.api.audience,
      users: resolved.users,
      clients: resolved.clients,
      keys,
    }),
  );
  provider.use(createDeviceIntervalMiddleware(state, provider.pathFor('device_authorization')));
  provider.use(createInteractionMiddleware(provider, resolved.users, state, resolved.clients));
  provider.use(createFaviconMiddleware());
  provideHandler(provider.callback());

  let closed: Promise<void> | undefined;

  return {
    issuer,
    port,
    users: resolved.users,
    get faults() {
      return [...state.faults];
    },
    get consent() {
      return state.consent;
    },
    get coop() {
      return state.coop;
    },
    get accessTokenTtl() {
      return state.accessTokenTtl;
    },
    get requireDpopNonce() {
      return state.requireDpopNonce;
    },
    setRequireDpopNonce(required) {
      state.requireDpopNonce = resolveFlag(required, 'setRequireDpopNonce(required)');
    },
    setAccessTokenTtl(seconds) {
      state.accessTokenTtl = resolveTtl('setAccessTokenTtl(seconds)', seconds, state.accessTokenTtl);
    },
    setFault(fault) {
      if (!isMockFault(fault)) {
        throw new MockIdpError(
          'unknown_fault',
          `unknown fault ${JSON.stringify(fault)}; known faults: ${mockFaults.join(', ')}`,
        );
      }
      state.faults.add(fault);
    },
    clearFaults() {
      state.faults.clear();
    },
    journal: () => state.journal.entries(),
    clearJournal() {
      state.journal.clear();
    },
    setConsent(mode) {
      state.consent = resolveConsentMode(mode, 'setConsent(mode)');
    },
    setCoop(enabled) {
      state.coop = resolveFlag(enabled, 'setCoop(enabled)');
    },
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets (fetch keeps them open) would hold close() for seconds otherwise.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
