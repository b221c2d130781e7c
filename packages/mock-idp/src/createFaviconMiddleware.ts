import type { ProviderMiddleware } from './ProviderMiddleware.js';

/**
 * Answers `/favicon.ico` with an empty 204: browsers ask for it on every IdP page (oidc-provider's
 * own pages too), and a 404 shows up as a console error, which e2e tests often treat as a failure.
 */
export function createFaviconMiddleware(): ProviderMiddleware {
  return async (ctx, next) => {
    if (ctx.path !== '/favicon.ico' || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.status = 204;
  };
}
