import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';

import { appOrigins } from './appOrigins.js';
import { renderMessagePage } from './renderMessagePage.js';
import type { ResolvedClient } from './resolveOptions.js';

type RenderError = NonNullable<Configuration['renderError']>;

/** oidc-provider's error page (a browser's request it refuses): what went wrong, and the way back to the app. */
export function createRenderError(clients: readonly ResolvedClient[]): RenderError {
  return (ctx, out) => {
    const clientId = ctx.oidc.client?.clientId;
    const client = clients.find((candidate) => candidate.clientId === clientId);
    const unregistered =
      out.error === 'invalid_redirect_uri'
        ? 'redirect_uri'
        : out.error_description === 'post_logout_redirect_uri not registered'
          ? 'post_logout_redirect_uri'
          : undefined;
    ctx.type = 'html';
    ctx.body = renderMessagePage(
      'Something went wrong',
      [
        out.error_description === undefined ? out.error : `${out.error}: ${out.error_description}`,
        ...(client && unregistered ? explainUnregisteredUri(unregistered, requestParam(ctx, unregistered), client) : []),
      ],
      appOrigins(clients, clientId, requestParam(ctx, 'redirect_uri')),
    );
  };
}

function requestParam(ctx: KoaContextWithOIDC, name: string): string | undefined {
  // oidc-provider may fail before it has gathered `params`: then they are still in the query or form.
  const params: Record<string, unknown> = ctx.oidc.params ?? (ctx.method === 'POST' ? ctx.oidc.body : ctx.query) ?? {};
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
}

/** The URI the app sent next to the ones it registered, which is usually enough to spot the typo. */
function explainUnregisteredUri(name: 'redirect_uri' | 'post_logout_redirect_uri', sent: string | undefined, client: ResolvedClient): string[] {
  if (sent === undefined) return [];
  const registered = name === 'redirect_uri' ? client.redirectUris : client.postLogoutRedirectUris;
  return [
    `The application sent ${name} ${sent}, which client "${client.clientId}" did not register.`,
    `Registered for "${client.clientId}": ${registered.join(', ')}.`,
    'They must match in scheme, host, port and path; localhost and 127.0.0.1 count as the same host.',
  ];
}
