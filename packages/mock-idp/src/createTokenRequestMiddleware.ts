import type { ProviderMiddleware } from './ProviderMiddleware.js';
import { readRequestBody, RequestBodyTooLargeError } from './readRequestBody.js';
import { replayRequest } from './replayRequest.js';

/** What the middleware in front of oidc-provider learned from a token request's body. */
export interface TokenRequestInfo {
  grantType?: string;
  clientId?: string;
}

/**
 * Reads a token request's form body before oidc-provider does, so the journal and the faults know
 * its `grant_type` and `client_id`, then hands oidc-provider a request that yields the body again.
 */
export function createTokenRequestMiddleware(
  tokenPath: string,
  tokenRequests: WeakMap<object, TokenRequestInfo>,
): ProviderMiddleware {
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || ctx.path !== tokenPath || !ctx.is('application/x-www-form-urlencoded')) {
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
    if (grantType !== null) info.grantType = grantType;
    if (clientId !== null) info.clientId = clientId;
    tokenRequests.set(ctx, info);

    const replay = replayRequest(ctx.req, body);
    ctx.req = replay;
    ctx.request.req = replay;
    return next();
  };
}
