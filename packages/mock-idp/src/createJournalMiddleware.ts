import type { Journal } from './createJournal.js';
import type { TokenRequestInfo } from './createTokenRequestMiddleware.js';
import { jsonBodyOf } from './jsonBodyOf.js';
import type { ProviderMiddleware } from './ProviderMiddleware.js';

/** Records every request but the `/__mock` control endpoints, which are the test talking, not the app. */
export function createJournalMiddleware(
  journal: Journal,
  tokenRequests: WeakMap<object, TokenRequestInfo>,
): ProviderMiddleware {
  return async (ctx, next) => {
    if (ctx.path.startsWith('/__mock/')) return next();
    const at = new Date().toISOString();
    let status: number | undefined;
    try {
      await next();
    } catch (error) {
      status = statusOf(error);
      throw error;
    } finally {
      const { grantType, tokenTypeHint } = tokenRequests.get(ctx) ?? {};
      const error = status === undefined ? jsonBodyOf(ctx)?.['error'] : undefined;
      journal.record({
        at,
        method: ctx.method,
        path: ctx.path,
        ...(grantType === undefined ? {} : { grantType }),
        ...(tokenTypeHint === undefined ? {} : { tokenTypeHint }),
        ...(ctx.get('DPoP') ? { dpop: true as const } : {}),
        status: status ?? ctx.status,
        ...(typeof error === 'string' ? { error } : {}),
      });
    }
  };
}

function statusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number') {
    return error.status;
  }
  return 500;
}
