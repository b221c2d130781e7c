import { escapeHtml } from './escapeHtml.js';
import type { MockUser } from './MockUser.js';
import { renderPage } from './renderPage.js';

export interface LoginPageContent {
  /** Where the form posts to. */
  action: string;
  clientId: string;
  users: readonly MockUser[];
  username?: string;
  error?: string;
}

/**
 * The sign-in form. Tests locate it by role and label, and the browserless helper finds it by
 * `data-mock-idp="login"`, so keep those stable.
 */
export function renderLoginPage({ action, clientId, users, username = '', error }: LoginPageContent): string {
  const alert = error === undefined ? '' : `<p role="alert" id="login-error">${escapeHtml(error)}</p>\n`;
  const describedBy = error === undefined ? '' : ' aria-describedby="login-error"';
  const hints = users
    .map(
      (user) =>
        `<li><code>${escapeHtml(user.username)}</code> / <code>${escapeHtml(user.password)}</code>` +
        (user.claims.name === undefined ? '' : ` — ${escapeHtml(user.claims.name)}`) +
        (user.claims.roles?.length ? ` (${user.claims.roles.map(escapeHtml).join(', ')})` : '') +
        '</li>',
    )
    .join('\n');

  return renderPage({
    title: 'Sign in',
    body: `<h1>Sign in to Latchkey Mock IdP</h1>
<p>to continue to <strong>${escapeHtml(clientId)}</strong></p>
${alert}<form method="post" action="${escapeHtml(action)}" data-mock-idp="login">
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(username)}"${describedBy}${username === '' ? ' autofocus' : ''}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}${username === '' ? '' : ' autofocus'}>
<button type="submit">Sign in</button>
</form>
<section class="hint" aria-labelledby="test-users">
<h2 id="test-users">Test users</h2>
<ul>
${hints}
</ul>
</section>`,
  });
}
