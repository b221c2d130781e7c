import { compactVerify } from 'jose';

import { applyDiscoveryFaults } from './applyDiscoveryFaults.js';
import { applyIdTokenFaults, otherIssuer } from './applyIdTokenFaults.js';
import type { KeyRing } from './createKeyRing.js';
import { jsonBodyOf } from './jsonBodyOf.js';
import type { MockIdpState } from './MockIdpState.js';
import type { ProviderContext, ProviderMiddleware } from './ProviderMiddleware.js';

export interface ResponseFaultSetup {
  issuer: string;
  state: MockIdpState;
  keys: KeyRing;
  paths: {
    authorization: string;
    token: string;
    discovery: readonly string[];
    jwks: string;
    userinfo: string;
    endSession: string;
  };
}

/**
 * The faults that let the IdP answer, then make its answer wrong in one way: the ID token of a
 * token response (see `applyIdTokenFaults`), the scope of a token response, the JWKS, the
 * discovery document (see `applyDiscoveryFaults`), the userinfo `sub` and the authorization response's `iss`.
 */
export function createResponseFaultMiddleware(setup: ResponseFaultSetup): ProviderMiddleware {
  const { state, keys, paths } = setup;
  return async (ctx, next) => {
    if (ctx.method === 'OPTIONS') return next();
    if (ctx.path === paths.endSession && keys.hasRotated()) await acceptRotatedIdTokenHint(ctx, keys);
    if (state.faults.size === 0) return next();

    await next();
    const { faults } = state;
    const body = ctx.status === 200 ? jsonBodyOf(ctx) : undefined;
    if (ctx.path === paths.token && body) {
      if (faults.has('token_response_without_scope')) delete body['scope'];
      const idToken = body['id_token'];
      if (typeof idToken === 'string') body['id_token'] = await applyIdTokenFaults(idToken, faults, keys);
    } else if (ctx.path === paths.jwks && body && faults.has('id_token_key_rotated')) {
      // A new array: the one in the body is oidc-provider's own.
      body['keys'] = [...(body['keys'] as unknown[]), (await keys.rotated()).publicJwk];
    } else if (paths.discovery.includes(ctx.path) && body) {
      applyDiscoveryFaults(body, faults);
    } else if (ctx.path === paths.userinfo && body && faults.has('userinfo_wrong_sub')) {
      body['sub'] = `other-${String(body['sub'])}`;
    } else if (isAuthorization(ctx.path, paths.authorization) && faults.has('authorization_response_wrong_iss')) {
      replaceIssuerOfRedirect(ctx, setup.issuer);
    }
  };
}

/** `/auth`, and `/auth/:uid` where a sign-in resumes: both can answer the client. */
function isAuthorization(path: string, authorizationPath: string): boolean {
  return path === authorizationPath || path.startsWith(`${authorizationPath}/`);
}

/** Puts another issuer in the `iss` of a redirect back to the client (RFC 9207). */
function replaceIssuerOfRedirect(ctx: ProviderContext, issuer: string): void {
  const location = ctx.response.get('Location');
  if (!location) return;
  const target = new URL(location, ctx.href);
  if (target.searchParams.get('iss') !== issuer) return;
  target.searchParams.set('iss', otherIssuer);
  ctx.redirect(target.href);
}

/**
 * oidc-provider knows only the IdP's own key, so it would refuse an ID token signed with the rotated
 * key as the `id_token_hint` of a logout, and a client that accepted the rotation could not sign
 * out. Such a hint, once verified with the rotated key, is signed again with the IdP's own key.
 */
async function acceptRotatedIdTokenHint(ctx: ProviderContext, keys: KeyRing): Promise<void> {
  if (ctx.method !== 'GET') return;
  const params = new URLSearchParams(ctx.querystring);
  const hint = params.get('id_token_hint');
  if (hint === null) return;
  let verified: Awaited<ReturnType<typeof compactVerify>>;
  try {
    verified = await compactVerify(hint, (await keys.rotated()).publicKey);
  } catch {
    return; // not signed with the rotated key: oidc-provider judges it as usual
  }
  params.set('id_token_hint', await (await keys.current()).sign(verified.payload, verified.protectedHeader));
  ctx.querystring = params.toString();
}
