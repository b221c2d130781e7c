import type { ProviderMiddleware } from './ProviderMiddleware.js';
import { readRequestBody, RequestBodyTooLargeError } from './readRequestBody.js';
import { replayRequest } from './replayRequest.js';

/** What the middleware in front of oidc-provider learned from a token, revocation or introspection request's body. */
export interface TokenRequestInfo {
  grantType?: string;
  clientId?: string;
  tokenTypeHint?: string;
}

/**
 * Reads the form body of a request to one of `paths` (the token, revocation and introspection
 * endpoints) before oidc-provider does, so the journal and the faults know its `grant_type`,
 * `client_id` and `token_type_hint`, then hands oidc-provider a request that yields the body again.
 */
export function createTokenRequestMiddleware(
  paths: readonly string[],
  tokenRequests: WeakMap<object, TokenRequestInfo>,
): ProviderMiddleware {
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || !paths.includes(ctx.path) || !ctx.is('application/x-www-form-urlencoded')) {
      return next();
    }
    let body: Buffer;
    try {
      body = await readRequestBody(ctx.req);
    } catch (error) {
      if (!(error instanceof RequestBodyTooLargeError)) throw error;
      ctx.status = 413;
      ctx.body = { error: 'invalid_request', error_description: 'request body too large' };
      return;
    }
    const params = new URLSearchParams(body.toString('utf8'));
    const info: TokenRequestInfo = {};
    const grantType = params.get('grant_type');
    const clientId = params.get('client_id');
    const tokenTypeHint = params.get('token_type_hint');
    if (grantType !== null) info.grantType = grantType;
    if (clientId !== null) info.clientId = clientId;
    if (tokenTypeHint !== null) info.tokenTypeHint = tokenTypeHint;
    tokenRequests.set(ctx, info);

    const replay = replayRequest(ctx.req, body);
    ctx.req = replay;
    ctx.request.req = replay;
    return next();
  };
}
