import type { InteractionResults } from 'oidc-provider';

import { appOrigins } from './appOrigins.js';
import { createRecentInteractions } from './createRecentInteractions.js';
import type { MockIdpState } from './MockIdpState.js';
import type { MockUser } from './MockUser.js';
import { errors, Provider } from './oidcProvider.js';
import type { ProviderContext, ProviderMiddleware } from './ProviderMiddleware.js';
import { readRequestBody, RequestBodyTooLargeError } from './readRequestBody.js';
import { renderConsentPage } from './renderConsentPage.js';
import { renderLoginPage } from './renderLoginPage.js';
import { renderMessagePage } from './renderMessagePage.js';
import type { ResolvedClient } from './resolveOptions.js';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

const route = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|consent))?$/;

/**
 * The IdP's own login and consent pages (oidc-provider's devInteractions stay off):
 * - `GET /interaction/:uid` shows the page for the pending prompt,
 * - `POST /interaction/:uid/login` checks `username` and `password`,
 * - `POST /interaction/:uid/consent` takes `decision=allow|deny`.
 */
export function createInteractionMiddleware(
  provider: Provider,
  users: readonly MockUser[],
  state: MockIdpState,
  clients: readonly ResolvedClient[],
): ProviderMiddleware {
  const recent = createRecentInteractions(1000);
  // The uid comes from the request, but only as a key to what this IdP remembered itself.
  const originsFor = (uid: string) => {
    const remembered = recent.appOriginOf(uid);
    return remembered === undefined ? appOrigins(clients) : [remembered];
  };

  const middleware: ProviderMiddleware = async (ctx, next) => {
    const match = route.exec(ctx.path);
    if (!match) return next();
    const [, uid = '', step] = match;
    ctx.set('Cache-Control', 'no-store');
    try {
      await handle(ctx, uid, step);
    } catch (error) {
      if (!(error instanceof RequestBodyTooLargeError)) throw error;
      showMessage(ctx, 413, 'Something went wrong', ['The form sent was too large.'], originsFor(uid));
    }
  };

  async function handle(ctx: ProviderContext, uid: string, step: string | undefined): Promise<void> {
    const expectedMethod = step === undefined ? 'GET' : 'POST';
    if (ctx.method !== expectedMethod && !(expectedMethod === 'GET' && ctx.method === 'HEAD')) {
      ctx.set('Allow', expectedMethod);
      return showMessage(ctx, 405, 'Method not allowed', [`Use ${expectedMethod} here.`], originsFor(uid));
    }

    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(ctx.req, ctx.res);
    } catch (error) {
      if (!(error instanceof errors.SessionNotFound)) throw error;
      return showExpired(ctx, step, originsFor(uid));
    }
    const clientId = stringParam(interaction, 'client_id') ?? '';
    const origins = appOrigins(clients, clientId, stringParam(interaction, 'redirect_uri'));
    if (origins.length === 1 && origins[0] !== undefined) recent.remember(interaction.uid, origins[0]);
    // A stale tab can hold the URL of an earlier sign-in than the one the cookie points to.
    if (interaction.uid !== uid) return showExpired(ctx, step, originsFor(uid));

    const prompt = interaction.prompt.name;
    if (step !== undefined && step !== prompt) {
      // A repeated submit of a step already done: show whatever is pending now.
      return redirect(ctx, `/interaction/${interaction.uid}`);
    }

    if (prompt === 'login') {
      if (step === undefined) return showLogin(ctx, interaction, users);
      return submitLogin(ctx, provider, interaction, users);
    }
    if (prompt === 'consent') {
      if (step === undefined) {
        // With consent 'auto' the grant is given at once, unless the client asked for the page.
        const consentAsked = interaction.prompt.reasons.includes('consent_prompt');
        if (state.consent === 'auto' && !consentAsked) {
          return finish(ctx, provider, await grantConsent(provider, interaction), true);
        }
        return showConsent(ctx, interaction, users);
      }
      return submitConsent(ctx, provider, interaction, origins);
    }
    return showMessage(ctx, 400, 'Something went wrong', [`The mock IdP has no page for the prompt "${prompt}".`], origins);
  }

  return middleware;
}

function showLogin(
  ctx: ProviderContext,
  interaction: Interaction,
  users: readonly MockUser[],
  username?: string,
  error?: string,
): void {
  ctx.status = 200;
  ctx.type = 'html';
  ctx.body = renderLoginPage({
    action: `/interaction/${interaction.uid}/login`,
    clientId: stringParam(interaction, 'client_id') ?? '',
    users,
    ...(username === undefined ? { username: stringParam(interaction, 'login_hint') ?? '' } : { username }),
    ...(error === undefined ? {} : { error }),
  });
}

async function submitLogin(
  ctx: ProviderContext,
  provider: Provider,
  interaction: Interaction,
  users: readonly MockUser[],
): Promise<void> {
  const form = await readForm(ctx);
  const username = form.get('username') ?? '';
  const password = form.get('password') ?? '';
  const user = users.find((candidate) => candidate.username === username && candidate.password === password);
  if (!user) return showLogin(ctx, interaction, users, username, 'Wrong username or password.');
  return finish(ctx, provider, { login: { accountId: user.claims.sub } }, false);
}

function showConsent(ctx: ProviderContext, interaction: Interaction, users: readonly MockUser[]): void {
  const accountId = interaction.session?.accountId;
  const user = users.find((candidate) => candidate.claims.sub === accountId);
  ctx.status = 200;
  ctx.type = 'html';
  ctx.body = renderConsentPage({
    action: `/interaction/${interaction.uid}/consent`,
    clientId: stringParam(interaction, 'client_id') ?? '',
    username: user?.username ?? accountId ?? '',
    scopes: (stringParam(interaction, 'scope') ?? '').split(' ').filter(Boolean),
  });
}

async function submitConsent(
  ctx: ProviderContext,
  provider: Provider,
  interaction: Interaction,
  appOrigins: readonly string[],
): Promise<void> {
  const decision = (await readForm(ctx)).get('decision');
  if (decision === 'allow') {
    return finish(ctx, provider, await grantConsent(provider, interaction), true);
  }
  if (decision !== 'deny') {
    return showMessage(ctx, 400, 'Something went wrong', ['Choose Allow or Deny.'], appOrigins);
  }
  return finish(
    ctx,
    provider,
    { error: 'access_denied', error_description: 'End-User denied the authorization request' },
    false,
  );
}

/** Grants what the consent prompt found missing, adding to the client's existing grant if any. */
async function grantConsent(provider: Provider, interaction: Interaction): Promise<InteractionResults> {
  const accountId = interaction.session?.accountId;
  const clientId = stringParam(interaction, 'client_id');
  const existing = interaction.grantId === undefined ? undefined : await provider.Grant.find(interaction.grantId);
  const grant = existing ?? new provider.Grant({ accountId, clientId });

  const details = interaction.prompt.details;
  const missingOIDCScope = stringArray(details['missingOIDCScope']);
  const missingOIDCClaims = stringArray(details['missingOIDCClaims']);
  if (missingOIDCScope.length > 0) grant.addOIDCScope(missingOIDCScope.join(' '));
  if (missingOIDCClaims.length > 0) grant.addOIDCClaims(missingOIDCClaims);
  const missingResourceScopes = details['missingResourceScopes'];
  if (typeof missingResourceScopes === 'object' && missingResourceScopes !== null) {
    for (const [indicator, scopes] of Object.entries(missingResourceScopes)) {
      grant.addResourceScope(indicator, stringArray(scopes).join(' '));
    }
  }
  const grantId = await grant.save();
  return { consent: existing ? {} : { grantId } };
}

async function finish(
  ctx: ProviderContext,
  provider: Provider,
  result: InteractionResults,
  mergeWithLastSubmission: boolean,
): Promise<void> {
  // interactionResult (rather than interactionFinished) returns the URL, so Koa writes the redirect.
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission });
  redirect(ctx, returnTo);
}

function redirect(ctx: ProviderContext, location: string): void {
  ctx.redirect(location);
  ctx.status = 303;
}

/**
 * The back button after a sign-in lands here, which is an ordinary thing for a person to do: the page
 * explains with 200 rather than 400, so it is not reported as a failed load. A stale form post is a 400.
 */
function showExpired(ctx: ProviderContext, step: string | undefined, appOrigins: readonly string[]): void {
  showMessage(
    ctx,
    step === undefined ? 200 : 400,
    'Sign-in expired',
    ['This sign-in request has expired or was already completed.', 'Go back to the application and sign in again.'],
    appOrigins,
  );
}

function showMessage(
  ctx: ProviderContext,
  status: number,
  heading: string,
  lines: readonly string[],
  appOrigins: readonly string[],
): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = renderMessagePage(heading, lines, appOrigins);
}

async function readForm(ctx: ProviderContext): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) return new URLSearchParams();
  return new URLSearchParams((await readRequestBody(ctx.req)).toString('utf8'));
}

function stringParam(interaction: Interaction, name: string): string | undefined {
  const value = interaction.params[name];
  return typeof value === 'string' ? value : undefined;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
