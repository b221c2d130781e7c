import { jwtVerify, type JWTPayload } from 'jose';

import { accountClaims } from './accountClaims.js';
import { clockTolerance } from './buildProviderConfiguration.js';
import { applyCors, clientCors } from './clientCors.js';
import { createDpopProofVerifier, DpopProofError } from './createDpopProofVerifier.js';
import type { KeyRing } from './createKeyRing.js';
import { jsonBodyOf } from './jsonBodyOf.js';
import type { MockUser } from './MockUser.js';
import type { ProviderContext, ProviderMiddleware } from './ProviderMiddleware.js';
import type { ResolvedClient } from './resolveOptions.js';

export interface UserinfoSetup {
  issuer: string;
  path: string;
  discovery: readonly string[];
  /** The API's audience: every access token is for it. */
  audience: string;
  users: readonly MockUser[];
  clients: readonly ResolvedClient[];
  keys: KeyRing;
}

/**
 * The userinfo endpoint (OpenID Connect Core §5.3), served by the mock: oidc-provider's refuses an
 * access token with an audience, and every access token here is for the API. It takes such a JWT
 * access token as `Authorization: Bearer …`, or a DPoP-bound one as `Authorization: DPoP …` with its
 * proof (RFC 9449 §7.1), and answers the user's claims; the discovery document lists it as
 * `userinfo_endpoint`.
 *
 * @see https://openid.net/specs/openid-connect-core-1_0.html#UserInfo
 */
export function createUserinfoMiddleware(setup: UserinfoSetup): ProviderMiddleware {
  const verifyDpopProof = createDpopProofVerifier({ maxAgeSeconds: clockTolerance + 60 });
  return async (ctx, next) => {
    if (setup.discovery.includes(ctx.path) && ctx.method === 'GET') {
      await next();
      const metadata = ctx.status === 200 ? jsonBodyOf(ctx) : undefined;
      if (metadata) metadata['userinfo_endpoint'] = new URL(setup.path, ctx.href).href;
      return;
    }
    if (ctx.path !== setup.path) return next();

    ctx.set('Cache-Control', 'no-store');
    if (ctx.method === 'OPTIONS') return answerPreflight(ctx);
    if (ctx.method !== 'GET' && ctx.method !== 'POST') {
      ctx.set('Allow', 'GET, POST');
      return answerError(ctx, 405, 'invalid_request', `${ctx.method} is not supported on ${setup.path}; use GET or POST`);
    }
    const [, scheme, token] = /^(Bearer|DPoP) +(\S+)$/i.exec(ctx.get('Authorization')) ?? [];
    if (token === undefined) {
      ctx.set('WWW-Authenticate', `Bearer realm="${setup.issuer}"`);
      return answerError(ctx, 401, 'invalid_token', 'no access token: send it as Authorization: Bearer …');
    }
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, (await setup.keys.current()).publicKey, {
        issuer: setup.issuer,
        audience: setup.audience,
        typ: 'at+jwt',
        clockTolerance,
      }));
    } catch (error) {
      return answerInvalidToken(ctx, setup.issuer, `the access token is not valid: ${String(error)}`);
    }
    const boundTo = (claims['cnf'] as { jkt?: unknown } | undefined)?.jkt;
    if (typeof boundTo === 'string' || scheme?.toLowerCase() === 'dpop') {
      if (typeof boundTo !== 'string' || scheme?.toLowerCase() !== 'dpop') {
        return answerInvalidToken(ctx, setup.issuer, 'a DPoP-bound access token goes as Authorization: DPoP …, a bearer one as Bearer …');
      }
      try {
        await verifyDpopProof({ proof: ctx.get('DPoP') || undefined, method: ctx.method, url: ctx.href, accessToken: token, boundTo });
      } catch (error) {
        if (!(error instanceof DpopProofError)) throw error;
        ctx.set('WWW-Authenticate', `DPoP algs="ES256", error="invalid_dpop_proof"`);
        return answerError(ctx, 401, error.code, error.message);
      }
    }
    applyCors(ctx, clientCors(ctx, setup.clients, claims['client_id']));
    const user = setup.users.find((candidate) => candidate.claims.sub === claims.sub);
    if (!user) return answerInvalidToken(ctx, setup.issuer, 'the access token is for no known user');
    ctx.body = accountClaims(user);
  };
}

/** Any origin may ask, as oidc-provider's CORS preflights allow; the answer itself is for the client's origins only. */
function answerPreflight(ctx: ProviderContext): void {
  ctx.vary('Origin');
  ctx.set('Access-Control-Allow-Origin', ctx.get('Origin') || '*');
  ctx.set('Access-Control-Allow-Methods', 'GET, POST');
  const headers = ctx.get('Access-Control-Request-Headers');
  if (headers) ctx.set('Access-Control-Allow-Headers', headers);
  ctx.status = 204;
}

function answerInvalidToken(ctx: ProviderContext, issuer: string, description: string): void {
  ctx.set('WWW-Authenticate', `Bearer realm="${issuer}", error="invalid_token"`);
  answerError(ctx, 401, 'invalid_token', description);
}

function answerError(ctx: ProviderContext, status: number, error: string, description: string): void {
  ctx.status = status;
  ctx.body = { error, error_description: description };
}
