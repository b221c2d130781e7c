import { browserFetch } from '../browserFetch.js';
import type { CookieJar } from '../CookieJar.js';
import type { IdpPage } from '../followAuthorization.js';

export interface FollowLogoutResult {
  /** Where the IdP sent the browser after logout (the post_logout_redirect_uri), if it left the IdP. */
  redirectedTo: URL | undefined;
  /** The confirmation page the IdP showed first. */
  confirmation: IdpPage | undefined;
  /** The IdP page the walk ended on, when it did not leave the IdP (e.g. "Signed out" or an error). */
  page: IdpPage | undefined;
}

/**
 * Walks an RP-initiated logout (end_session) URL like a browser: on the confirmation page it does
 * what the page's script does — submits the form with `logout=yes` — then follows redirects.
 */
export async function followLogout(endSessionUrl: string | URL, jar: CookieJar): Promise<FollowLogoutResult> {
  const idpOrigin = new URL(endSessionUrl).origin;
  let request: { url: URL; init?: RequestInit } = { url: new URL(endSessionUrl) };
  let confirmation: IdpPage | undefined;

  for (let hop = 0; hop < 10; hop += 1) {
    const response = await browserFetch(jar, request.url, request.init);
    const location = response.headers.get('Location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      const next = new URL(location, request.url);
      if (next.origin !== idpOrigin) return { redirectedTo: next, confirmation, page: undefined };
      request = { url: next };
      continue;
    }
    const page: IdpPage = { url: request.url.href, status: response.status, html: await response.text() };
    // oidc-provider's form, or its auto-submitting form_post page when no one is signed in.
    const form = /<form[^>]*action="([^"]*)"[^>]*>/.exec(page.html);
    const xsrf = /name="xsrf" value="([^"]*)"/.exec(page.html);
    if (confirmation === undefined && form && xsrf) {
      confirmation = page;
      request = {
        url: new URL(form[1] ?? '', request.url),
        init: {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ xsrf: xsrf[1] ?? '', logout: 'yes' }).toString(),
        },
      };
      continue;
    }
    return { redirectedTo: undefined, confirmation, page };
  }
  throw new Error(`followLogout: too many hops from ${String(endSessionUrl)}`);
}
