import type { MockIdpState } from './MockIdpState.js';
import type { ProviderMiddleware } from './ProviderMiddleware.js';

/**
 * Adds `interval` to each device authorization response: oidc-provider leaves it out, so a client
 * would wait the RFC's default of 5 seconds, and a test can ask for a shorter wait (`deviceCodeInterval`).
 *
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.2
 */
export function createDeviceIntervalMiddleware(state: MockIdpState, path: string): ProviderMiddleware {
  return async (ctx, next) => {
    await next();
    if (ctx.path !== path || ctx.status !== 200 || typeof ctx.body !== 'object' || ctx.body === null) return;
    ctx.body = { ...(ctx.body as Record<string, unknown>), interval: state.deviceCodeInterval };
  };
}
