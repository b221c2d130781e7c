import { isMockFault, mockFaults } from './MockFault.js';
import type { MockIdpState } from './MockIdpState.js';
import type { ProviderContext, ProviderMiddleware } from './ProviderMiddleware.js';
import { readRequestBody, RequestBodyTooLargeError } from './readRequestBody.js';

/**
 * The `/__mock` endpoints, so a test in another process (an e2e runner) can switch faults and
 * settings and read the journal:
 * - `GET|POST|DELETE /__mock/faults` — read, replace (`{ faults: [...] }`), clear the active faults
 * - `GET|DELETE /__mock/journal` — read (`{ entries: [...] }`), clear the journal
 * - `GET|POST /__mock/settings` — read (`{ coop, consent, accessTokenTtl, requireDpopNonce, deviceCodeInterval }`), change some of them
 * - `GET|POST /__mock/consent` — read, set (`{ consent: 'auto' | 'prompt' }`) the consent mode;
 *   older than `/__mock/settings`, kept for the tests that use it
 *
 * They answer only a request whose `Host` is this IdP on a loopback name and its own `port`
 * (`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`), and 403 otherwise: a page on another site that
 * rebinds its own name to 127.0.0.1 (DNS rebinding) must not switch faults or read the journal.
 */
export function createControlMiddleware(state: MockIdpState, port: number): ProviderMiddleware {
  const allowedHosts = new Set(['127.0.0.1', 'localhost', '[::1]'].map((name) => `${name}:${port}`));
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/__mock/')) return next();
    ctx.set('Cache-Control', 'no-store');

    const host = ctx.get('Host');
    if (!allowedHosts.has(host.toLowerCase())) {
      return answerError(
        ctx,
        403,
        'forbidden_host',
        `the /__mock endpoints answer only Host ${[...allowedHosts].join(', ')}, not ${JSON.stringify(host)} (a guard against DNS rebinding)`,
      );
    }

    switch (ctx.path) {
      case '/__mock/faults':
        if (ctx.method === 'GET') return answer(ctx, 200, { faults: [...state.faults] });
        if (ctx.method === 'DELETE') {
          state.faults.clear();
          return answer(ctx, 204);
        }
        if (ctx.method === 'POST') {
          const body = await readJson(ctx);
          if (body === undefined) return;
          const faults = isRecord(body) ? body['faults'] : undefined;
          if (!Array.isArray(faults)) {
            return answerError(ctx, 400, 'invalid_request', 'expected a JSON body { "faults": [...] }');
          }
          const unknown = faults.filter((fault) => !isMockFault(fault));
          if (unknown.length > 0) {
            return answerError(
              ctx,
              400,
              'unknown_fault',
              `unknown fault ${unknown.map((fault) => JSON.stringify(fault)).join(', ')}; known faults: ${mockFaults.join(', ')}`,
            );
          }
          state.faults = new Set(faults.filter(isMockFault));
          return answer(ctx, 200, { faults: [...state.faults] });
        }
        return methodNotAllowed(ctx, 'GET, POST, DELETE');

      case '/__mock/journal':
        if (ctx.method === 'GET') return answer(ctx, 200, { entries: state.journal.entries() });
        if (ctx.method === 'DELETE') {
          state.journal.clear();
          return answer(ctx, 204);
        }
        return methodNotAllowed(ctx, 'GET, DELETE');

      case '/__mock/settings':
        if (ctx.method === 'GET') return answer(ctx, 200, settingsOf(state));
        if (ctx.method === 'POST') {
          const body = await readJson(ctx);
          if (body === undefined) return;
          const expected =
            'expected a JSON body with some of { "coop": true | false, "consent": "auto" | "prompt", "accessTokenTtl": seconds, "requireDpopNonce": true | false }';
          if (!isRecord(body)) return answerError(ctx, 400, 'invalid_request', expected);
          const unknown = Object.keys(body).filter((key) => !['coop', 'consent', 'accessTokenTtl', 'requireDpopNonce', 'deviceCodeInterval'].includes(key));
          if (unknown.length > 0) {
            return answerError(ctx, 400, 'invalid_request', `unknown setting ${unknown.map((key) => JSON.stringify(key)).join(', ')}; ${expected}`);
          }
          const { coop, consent, accessTokenTtl, requireDpopNonce, deviceCodeInterval } = body;
          // Checked before anything changes, so a bad body leaves every setting as it was.
          if (coop !== undefined && typeof coop !== 'boolean') {
            return answerError(ctx, 400, 'invalid_request', `coop must be true or false; ${expected}`);
          }
          if (consent !== undefined && consent !== 'auto' && consent !== 'prompt') {
            return answerError(ctx, 400, 'invalid_request', `consent must be "auto" or "prompt"; ${expected}`);
          }
          if (requireDpopNonce !== undefined && typeof requireDpopNonce !== 'boolean') {
            return answerError(ctx, 400, 'invalid_request', `requireDpopNonce must be true or false; ${expected}`);
          }
          if (accessTokenTtl !== undefined && !(Number.isInteger(accessTokenTtl) && (accessTokenTtl as number) > 0)) {
            return answerError(ctx, 400, 'invalid_request', `accessTokenTtl must be a whole number of seconds above 0; ${expected}`);
          }
          if (deviceCodeInterval !== undefined && !(Number.isInteger(deviceCodeInterval) && (deviceCodeInterval as number) > 0)) {
            return answerError(ctx, 400, 'invalid_request', `deviceCodeInterval must be a whole number of seconds above 0; ${expected}`);
          }
          if (deviceCodeInterval !== undefined) state.deviceCodeInterval = deviceCodeInterval as number;
          if (accessTokenTtl !== undefined) state.accessTokenTtl = accessTokenTtl as number;
          if (coop !== undefined) state.coop = coop;
          if (requireDpopNonce !== undefined) state.requireDpopNonce = requireDpopNonce;
          if (consent !== undefined) state.consent = consent;
          return answer(ctx, 200, settingsOf(state));
        }
        return methodNotAllowed(ctx, 'GET, POST');

      case '/__mock/consent':
        if (ctx.method === 'GET') return answer(ctx, 200, { consent: state.consent });
        if (ctx.method === 'POST') {
          const body = await readJson(ctx);
          if (body === undefined) return;
          const consent = isRecord(body) ? body['consent'] : undefined;
          if (consent !== 'auto' && consent !== 'prompt') {
            return answerError(ctx, 400, 'invalid_request', 'expected a JSON body { "consent": "auto" | "prompt" }');
          }
          state.consent = consent;
          return answer(ctx, 200, { consent: state.consent });
        }
        return methodNotAllowed(ctx, 'GET, POST');

      default:
        return answerError(ctx, 404, 'not_found', `no mock endpoint ${ctx.path}`);
    }
  };
}

function settingsOf(state: MockIdpState): Pick<MockIdpState, 'coop' | 'consent' | 'accessTokenTtl' | 'requireDpopNonce' | 'deviceCodeInterval'> {
  return {
    coop: state.coop,
    consent: state.consent,
    accessTokenTtl: state.accessTokenTtl,
    requireDpopNonce: state.requireDpopNonce,
    deviceCodeInterval: state.deviceCodeInterval,
  };
}

/** Reads a JSON body; on failure answers 400 itself and returns undefined. */
async function readJson(ctx: ProviderContext): Promise<unknown> {
  if (!ctx.is('application/json')) {
    answerError(ctx, 400, 'invalid_request', 'expected Content-Type: application/json');
    return undefined;
  }
  try {
    return JSON.parse((await readRequestBody(ctx.req)).toString('utf8')) as unknown;
  } catch (error) {
    if (error instanceof RequestBodyTooLargeError) answerError(ctx, 413, 'invalid_request', 'request body too large');
    else answerError(ctx, 400, 'invalid_request', 'request body is not valid JSON');
    return undefined;
  }
}

function answer(ctx: ProviderContext, status: number, body?: object): void {
  ctx.status = status;
  if (body !== undefined) ctx.body = body;
}

function answerError(ctx: ProviderContext, status: number, error: string, description: string): void {
  answer(ctx, status, { error, error_description: description });
}

function methodNotAllowed(ctx: ProviderContext, allow: string): void {
  ctx.set('Allow', allow);
  answerError(ctx, 405, 'method_not_allowed', `${ctx.method} is not supported on ${ctx.path}; use ${allow}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
