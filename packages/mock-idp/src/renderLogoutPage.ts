import { renderPage } from './renderPage.js';

/**
 * The RP-initiated logout confirmation. `form` is oidc-provider's form (its id is `op.logoutForm`
 * and it carries the xsrf token). A script submits it with `logout=yes` at once, so a user who
 * asked the app to sign out is not asked again; without JavaScript the button does the same.
 */
export function renderLogoutPage(form: string): string {
  return renderPage({
    title: 'Sign out',
    body: `<h1>Sign out of Latchkey Mock IdP</h1>
<p>Signing you out…</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`,
    script: `(function () {
  var form = document.getElementById('op.logoutForm');
  var input = document.createElement('input');
  input.type = 'hidden';
  input.name = 'logout';
  input.value = 'yes';
  form.appendChild(input);
  form.submit();
})();`,
  });
}
