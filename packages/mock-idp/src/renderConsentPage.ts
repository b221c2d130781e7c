import { escapeHtml } from './escapeHtml.js';
import { renderPage } from './renderPage.js';

export interface ConsentPageContent {
  /** Where the form posts to; the button pressed is sent as `decision=allow|deny`. */
  action: string;
  clientId: string;
  username: string;
  scopes: readonly string[];
}

/** Asks the user to allow the client the requested scopes; found by `data-mock-idp="consent"`. */
export function renderConsentPage({ action, clientId, username, scopes }: ConsentPageContent): string {
  const items = scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join('\n');
  return renderPage({
    title: 'Allow access',
    body: `<h1>Allow ${escapeHtml(clientId)} to access your account?</h1>
<p>Signed in as <strong>${escapeHtml(username)}</strong>. The application asks for:</p>
<ul aria-label="Requested scopes">
${items}
</ul>
<form method="post" action="${escapeHtml(action)}" data-mock-idp="consent">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  });
}
