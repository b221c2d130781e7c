import type { KoaContextWithOIDC } from 'oidc-provider';

import { appOrigins } from './appOrigins.js';
import { escapeHtml } from './escapeHtml.js';
import { renderMessagePage } from './renderMessagePage.js';
import { renderPage } from './renderPage.js';
import type { ResolvedClient } from './resolveOptions.js';

/** The id oidc-provider gives the form it builds for each step of the device flow. */
const inputFormId = 'op.deviceInputForm';
const confirmFormId = 'op.deviceConfirmForm';

/**
 * The pages of the device flow (RFC 8628 §3.3) in the mock IdP's own look: oidc-provider builds the
 * forms, with their anti-forgery field, and these pages place them. The login and consent on the way
 * are the IdP's usual pages. Each form is marked `data-mock-idp` so `followAuthorization()` can walk it.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.3
 */
export function devicePages(clients: readonly ResolvedClient[]) {
  return {
    userCodeInputSource(ctx: KoaContextWithOIDC, form: string, _out?: unknown, err?: Error): void {
      const problem = err === undefined ? undefined : describeInputError(err);
      ctx.type = 'html';
      ctx.body = renderPage({
        title: 'Connect a device',
        body: `<h1>Connect a device</h1>
${problem === undefined ? '<p>Enter the code your device shows.</p>' : `<p role="alert">${escapeHtml(problem)}</p>`}
${markForm(form, inputFormId, 'device-code').replace('name="user_code"', 'name="user_code" aria-label="Code shown on your device"')}
<button type="submit" form="${inputFormId}">Continue</button>`,
      });
    },

    userCodeConfirmSource(ctx: KoaContextWithOIDC, form: string, client: { clientId: string }, _info: unknown, userCode: string): void {
      ctx.type = 'html';
      ctx.body = renderPage({
        title: 'Confirm the device',
        body: `<h1>Sign in on ${escapeHtml(client.clientId)}?</h1>
<p>Check that your device shows this code:</p>
<p><code aria-label="Device code" style="font-size:2rem">${escapeHtml(userCode)}</code></p>
${markForm(form, confirmFormId, 'device-confirm')}
<button type="submit" form="${confirmFormId}">Continue</button>
<button type="submit" form="${confirmFormId}" name="abort" value="yes">Cancel</button>`,
      });
    },

    successSource(ctx: KoaContextWithOIDC): void {
      ctx.type = 'html';
      ctx.body = renderMessagePage(
        'Device connected',
        ['You are signed in on your device. You can close this page.'],
        appOrigins(clients, ctx.oidc.client?.clientId),
      ).replace('<h1>', '<h1 data-mock-idp="device-success">');
    },
  };
}

function markForm(form: string, id: string, mark: string): string {
  return form.replace(`id="${id}"`, `id="${id}" data-mock-idp="${mark}"`);
}

function describeInputError(err: Error): string {
  if (err.name === 'NoCodeError' || err.name === 'NotFoundError') return 'That code is not right. Check it and try again.';
  if (err.name === 'ExpiredError') return 'That code has expired. Ask the device for a new one.';
  if (err.name === 'AlreadyUsedError') return 'That code was used already. Ask the device for a new one.';
  if (err.name === 'AbortedError') return 'The sign-in on the device was cancelled.';
  return 'Something went wrong. Ask the device for a new code.';
}
