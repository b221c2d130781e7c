import type { MockIdpState } from './MockIdpState.js';
import type { Configuration, JWK } from 'oidc-provider';

import { accountClaims } from './accountClaims.js';
import { appOrigins } from './appOrigins.js';
import { createMemoryAdapter } from './createMemoryAdapter.js';
import { deviceCodeGrantType } from './deviceCodeGrantType.js';
import { devicePages } from './renderDevicePages.js';
import { errors } from './oidcProvider.js';
import { renderLogoutPage } from './renderLogoutPage.js';
import { renderMessagePage } from './renderMessagePage.js';
import { createRenderError } from './renderProviderError.js';
import type { ResolvedOptions } from './resolveOptions.js';

export interface ProviderSetup {
  options: ResolvedOptions;
  state: MockIdpState;
  signingKey: JWK;
  cookieKey: string;
  /** Signs the nonces a DPoP proof is asked to carry (see `requireDpopNonce`). */
  dpopNonceSecret: Buffer;
}

/** Seconds of clock skew the IdP tolerates in the tokens it is shown. */
export const clockTolerance = 15;

/**
 * The oidc-provider configuration of the mock IdP. Every helper whose default oidc-provider asks a
 * deployment to replace is set here, which also keeps its console quiet.
 */

export function buildProviderConfiguration({ options, state, signingKey, cookieKey, dpopNonceSecret }: ProviderSetup): Configuration {
  const { api, users } = options;
  const clientsById = new Map(options.clients.map((client) => [client.clientId, client]));

  return {
    adapter: createMemoryAdapter(clockTolerance),
    clockTolerance,
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      // Without the refresh_token grant oidc-provider issues no refresh token (see issueRefreshToken),
      // drops offline_access from requests and refuses a refresh with invalid_request.
      grant_types: client.refreshTokens
        ? ['authorization_code', 'refresh_token', deviceCodeGrantType]
        : ['authorization_code', deviceCodeGrantType],
      response_types: ['code'],
      redirect_uris: client.acceptedRedirectUris,
      post_logout_redirect_uris: client.acceptedPostLogoutRedirectUris,
    })),
    responseTypes: ['code'],
    clientAuthMethods: ['none'],
    pkce: { required: () => true },
    jwks: { keys: [signingKey] },
    cookies: { keys: [cookieKey] },

    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: {
      acr: null,
      sid: null,
      auth_time: null,
      iss: null,
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username', 'roles'],
      email: ['email', 'email_verified'],
    },
    // SPAs read the profile from the ID token; few call userinfo.
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const user = users.find((candidate) => candidate.claims.sub === sub);
      if (!user) return undefined;
      return { accountId: sub, claims: () => accountClaims(user) };
    },

    // Every client with the refresh_token grant is an SPA that renews with its refresh token, whether
    // or not it asked for offline_access (which oidc-provider drops unless prompt=consent).
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,

    clientBasedCORS: (_ctx, origin, client) => clientsById.get(client.clientId)?.origins.has(origin) ?? false,

    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },

    ttl: {
      AccessToken: () => state.accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: options.idTokenTtl,
      RefreshToken: options.refreshTokenTtl,
      Session: options.sessionTtl,
      Interaction: 3600,
      DeviceCode: 600,
      // A grant must outlive the tokens and the session that rely on it.
      Grant: Math.max(options.refreshTokenTtl, options.sessionTtl),
    },

    renderError: createRenderError(options.clients),

    features: {
      devInteractions: { enabled: false },
      // The device authorization grant (RFC 8628) for every client: kiosks and TVs sign in on a phone.
      deviceFlow: { enabled: true, charset: 'base-20', mask: '****-****', ...devicePages(options.clients) },
      // A token request with a proof gets DPoP-bound tokens (RFC 9449); one without gets bearer tokens.
      dPoP: { enabled: true, nonceSecret: dpopNonceSecret, requireNonce: () => state.requireDpopNonce },
      // Every access token is for the API (see resourceIndicators), and oidc-provider's userinfo
      // refuses a token with an audience: the mock serves its own (createUserinfoMiddleware).
      userinfo: { enabled: false },
      introspection: {
        enabled: true,
        // A public client may only introspect its own tokens.
        allowedPolicy: (ctx, client, token) =>
          client.clientAuthMethod !== 'none' || token.clientId === ctx.oidc.client?.clientId,
      },
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId,
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = renderLogoutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = renderMessagePage(
            'Signed out',
            ['You are signed out of Latchkey Mock IdP.'],
            appOrigins(options.clients, ctx.oidc.client?.clientId),
          );
        },
      },
      resourceIndicators: {
        enabled: true,
        // One API: every access token is a JWT for it, requested with `resource` or not.
        defaultResource: () => api.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resourceIndicator) => {
          if (resourceIndicator !== api.audience) {
            throw new errors.InvalidTarget(`unknown resource ${resourceIndicator}; this IdP knows ${api.audience}`);
          }
          return {
            scope: api.scopes.join(' '),
            audience: api.audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: state.accessTokenTtl,
          };
        },
      },
    },
  };
}
