import type { ProviderContext } from './ProviderMiddleware.js';

/**
 * The response body of `ctx` when it is a plain object, which Koa sends as JSON (oidc-provider's
 * token and error answers are); undefined for a page, a buffer, a stream or no body.
 */
export function jsonBodyOf(ctx: ProviderContext): Record<string, unknown> | undefined {
  const body: unknown = ctx.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const prototype: unknown = Object.getPrototypeOf(body);
  return prototype === Object.prototype || prototype === null ? (body as Record<string, unknown>) : undefined;
}
