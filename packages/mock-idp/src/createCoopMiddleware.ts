import type { MockIdpState } from './MockIdpState.js';
import type { ProviderMiddleware } from './ProviderMiddleware.js';

/**
 * While `state.coop` is on, adds `Cross-Origin-Opener-Policy: same-origin` to every response a
 * browser navigates through: the authorization endpoint (`/auth`, and `/auth/:uid` where a sign-in
 * resumes), every HTML page and every redirect. Real IdPs send it, and it changes what a popup
 * sign-in can do: a browser puts the popup in a new browsing context group, so the app's
 * `window.opener` link to it is cut (and the app sees the popup as closed). It only affects
 * top-level documents, so a silent renewal iframe is not touched by it.
 */
export function createCoopMiddleware(state: MockIdpState, authorizationPath: string): ProviderMiddleware {
  return async (ctx, next) => {
    await next();
    if (!state.coop) return;
    const isAuthorization = ctx.path === authorizationPath || ctx.path.startsWith(`${authorizationPath}/`);
    const isRedirect = ctx.res.hasHeader('Location');
    if (isAuthorization || isRedirect || ctx.response.is('html')) {
      ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    }
  };
}
