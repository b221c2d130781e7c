import type { ProviderContext } from './ProviderMiddleware.js';
import type { ResolvedClient } from './resolveOptions.js';

/**
 * The origin to allow for a request of `clientId`: the request's Origin when the client registered
 * it, as the token endpoint's clientBasedCORS decides, so the app can read the answer.
 */
export function clientCors(
  ctx: ProviderContext,
  clients: readonly ResolvedClient[],
  clientId: unknown,
): string | undefined {
  const origin = ctx.get('Origin');
  if (!origin) return undefined;
  const client = clients.find((candidate) => candidate.clientId === clientId);
  return client?.origins.has(origin) ? origin : undefined;
}

export function applyCors(ctx: ProviderContext, allowOrigin: string | undefined): void {
  ctx.vary('Origin');
  if (allowOrigin !== undefined) ctx.set('Access-Control-Allow-Origin', allowOrigin);
}
