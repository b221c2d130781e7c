import type { Configuration } from 'oidc-provider';

import { appOrigins } from './appOrigins.js';
import { renderMessagePage } from './renderMessagePage.js';
import type { ResolvedClient } from './resolveOptions.js';

type RenderError = NonNullable<Configuration['renderError']>;

/** oidc-provider's error page (a browser's request it refuses): what went wrong, and the way back to the app. */
export function createRenderError(clients: readonly ResolvedClient[]): RenderError {
  return (ctx, out) => {
    ctx.type = 'html';
    ctx.body = renderMessagePage(
      'Something went wrong',
      [out.error_description === undefined ? out.error : `${out.error}: ${out.error_description}`],
      appOrigins(clients, ctx.oidc.client?.clientId),
    );
  };
}
