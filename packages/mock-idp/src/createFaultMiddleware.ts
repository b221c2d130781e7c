import { setTimeout as sleep } from 'node:timers/promises';

import { appOrigins } from './appOrigins.js';
import { applyCors, clientCors } from './clientCors.js';
import { escapeHtml } from './escapeHtml.js';
import { deviceCodeGrantType } from './deviceCodeGrantType.js';
import type { MockFault } from './MockFault.js';
import type { TokenRequestInfo } from './createTokenRequestMiddleware.js';
import type { MockIdpState } from './MockIdpState.js';
import type { ProviderContext, ProviderMiddleware } from './ProviderMiddleware.js';
import { readRequestBody } from './readRequestBody.js';
import { renderMessagePage } from './renderMessagePage.js';
import type { ResolvedClient } from './resolveOptions.js';

export interface FaultMiddlewareSetup {
  issuer: string;
  state: MockIdpState;
  clients: readonly ResolvedClient[];
  paths: { authorization: string; token: string; discovery: readonly string[]; jwks: string };
  tokenRequests: WeakMap<object, TokenRequestInfo>;
  slowTokenDelayMs: number;
  /** Aborted when the IdP closes, so a delayed response does not outlive it. */
  closed: AbortSignal;
}

/** How far ahead the `date_header_ahead` fault puts the Date header: beyond latchkey's default clock skew of 300 s. */
const dateAheadMs = 10 * 60 * 1000;

/** Answers in place of oidc-provider while a fault is active; otherwise passes the request on. */
export function createFaultMiddleware(setup: FaultMiddlewareSetup): ProviderMiddleware {
  const { state, paths } = setup;
  return async (ctx, next) => {
    if (state.faults.size === 0 || ctx.method === 'OPTIONS') return next();
    // Node writes its own Date header only where none is set.
    if (state.faults.has('date_header_ahead')) ctx.set('Date', new Date(Date.now() + dateAheadMs).toUTCString());

    if (paths.discovery.includes(ctx.path) && state.faults.has('discovery_500')) {
      return answerServerError(ctx, 'discovery_500', openCors(ctx));
    }
    if (ctx.path === paths.jwks && state.faults.has('jwks_500')) {
      return answerServerError(ctx, 'jwks_500', openCors(ctx));
    }
    if (ctx.path === paths.authorization && state.faults.has('login_required')) {
      return answerAuthorizationError(ctx, setup, 'login_required', 'End-User authentication is required (mock fault login_required)');
    }
    if (ctx.path === paths.authorization && state.faults.has('offline_access_unsupported') && asksOfflineAccess(ctx)) {
      return answerAuthorizationError(ctx, setup, 'invalid_scope', 'offline_access is not a known scope (mock fault offline_access_unsupported)');
    }
    if (ctx.path === paths.token && ctx.method === 'POST') {
      const info = setup.tokenRequests.get(ctx);
      const allowOrigin = clientCors(ctx, setup.clients, info?.clientId);
      if (state.faults.has('slow_token')) {
        try {
          await sleep(setup.slowTokenDelayMs, undefined, { signal: setup.closed });
        } catch {
          return; // the IdP is closing; its sockets are being destroyed
        }
      }
      if (state.faults.has('token_endpoint_500')) {
        return answerServerError(ctx, 'token_endpoint_500', allowOrigin);
      }
      if (state.faults.has('refresh_invalid_grant') && info?.grantType === 'refresh_token') {
        applyCors(ctx, allowOrigin);
        ctx.status = 400;
        ctx.body = { error: 'invalid_grant', error_description: 'refresh token rejected (mock fault refresh_invalid_grant)' };
        return;
      }
      const deviceError = info?.grantType === deviceCodeGrantType ? deviceFaultError(state) : undefined;
      if (deviceError !== undefined) {
        applyCors(ctx, allowOrigin);
        ctx.set('Cache-Control', 'no-store');
        ctx.status = 400;
        ctx.body = { error: deviceError, error_description: `mock fault device_${deviceError}` };
        return;
      }
      if (state.faults.has('stalled_token_body')) {
        return answerStalledBody(ctx, allowOrigin, setup.closed);
      }
    }
    return next();
  };
}

/** The error a device code poll answers with while one of the device faults is active. */
function deviceFaultError(state: MockIdpState): 'slow_down' | 'access_denied' | 'expired_token' | undefined {
  if (state.faults.has('device_expired_token')) return 'expired_token';
  if (state.faults.has('device_access_denied')) return 'access_denied';
  if (state.faults.has('device_slow_down')) return 'slow_down';
  return undefined;
}

/**
 * Sends 200 and the headers of a JSON token response, then the start of a body it never finishes.
 * Koa is told to leave the response alone; the response ends only when the client gives up or the
 * IdP closes.
 */
function answerStalledBody(ctx: ProviderContext, allowOrigin: string | undefined, closed: AbortSignal): void {
  applyCors(ctx, allowOrigin);
  ctx.set('Cache-Control', 'no-store');
  ctx.status = 200;
  ctx.type = 'application/json';
  ctx.respond = false;
  const { res } = ctx;
  const destroy = (): void => {
    res.destroy();
  };
  if (closed.aborted) return destroy();
  closed.addEventListener('abort', destroy, { once: true });
  res.once('close', () => closed.removeEventListener('abort', destroy));
  res.write('{"access_token":');
}

function answerServerError(ctx: ProviderContext, fault: MockFault, allowOrigin: string | undefined): void {
  applyCors(ctx, allowOrigin);
  ctx.set('Cache-Control', 'no-store');
  ctx.status = 500;
  ctx.body = { error: 'server_error', error_description: `mock fault ${fault}` };
}

/** Whether an authorization request asks for `offline_access` (in the query: oidc-client-ts sends a GET). */
function asksOfflineAccess(ctx: ProviderContext): boolean {
  return (new URLSearchParams(ctx.querystring).get('scope') ?? '').split(' ').includes('offline_access');
}

async function answerAuthorizationError(ctx: ProviderContext, { issuer, clients }: FaultMiddlewareSetup, error: string, description: string): Promise<void> {
  let params: URLSearchParams;
  if (ctx.method === 'POST' && ctx.is('application/x-www-form-urlencoded')) {
    params = new URLSearchParams((await readRequestBody(ctx.req)).toString('utf8'));
  } else {
    params = new URLSearchParams(ctx.querystring);
  }
  // Only ever redirect to a URI registered for the client, as the real endpoint would.
  const client = clients.find((candidate) => candidate.clientId === params.get('client_id'));
  const requested = params.get('redirect_uri');
  const redirectUri =
    requested === null ? (client?.redirectUris.length === 1 ? client.redirectUris[0] : undefined) : requested;
  if (!client || redirectUri === undefined || !client.acceptedRedirectUris.includes(redirectUri)) {
    ctx.status = 400;
    ctx.type = 'html';
    ctx.body = renderMessagePage(
      'Something went wrong',
      ['invalid_request: unknown client_id or unregistered redirect_uri'],
      appOrigins(clients, client?.clientId),
    );
    return;
  }
  const target = new URL(redirectUri);
  target.searchParams.append('error', error);
  target.searchParams.append('error_description', description);
  const state = params.get('state');
  if (state !== null) target.searchParams.append('state', state);
  target.searchParams.append('iss', issuer);
  ctx.set('Cache-Control', 'no-store');
  ctx.status = 303;
  ctx.set('Location', target.href);
  ctx.type = 'html';
  ctx.body = `Redirecting to <a href="${escapeHtml(target.href)}">${escapeHtml(target.href)}</a>.`;
}

/** Discovery and JWKS are public documents: oidc-provider lets any origin read them. */
function openCors(ctx: ProviderContext): string {
  return ctx.get('Origin') || '*';
}
