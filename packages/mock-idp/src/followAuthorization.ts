import { browserFetch } from './browserFetch.js';
import { CookieJar } from './CookieJar.js';

/** Options of `followAuthorization()`. Only `redirectUri` is required. */
export interface FollowAuthorizationOptions {
  /**
   * The client's redirect URI: walking stops when the IdP redirects there. Default: none, for the
   * device flow, whose walk ends on the IdP's "Device connected" page (returned as `page`).
   */
  redirectUri?: string;
  /** Default `alice`. */
  username?: string;
  /** Default: the username (the seeded users' passwords equal their usernames). */
  password?: string;
  /**
   * The answer on a consent page, and on the device flow's confirmation page (`deny` cancels the
   * device's sign-in), or `stop` to return it as `page`. Default `allow`.
   */
  consent?: 'allow' | 'deny' | 'stop';
  /** Carries the IdP session between calls, as one browser would. Default: a new jar. */
  jar?: CookieJar;
}

/** A page of the IdP, as the walk found it. */
export interface IdpPage {
  /** The page's URL. */
  url: string;
  /** The HTTP status. */
  status: number;
  /** The page's HTML. */
  html: string;
}

/** What `followAuthorization()` ended with. */
export interface FollowAuthorizationResult {
  /** Where the IdP sent the browser back to the client, if it did. */
  callbackUrl: URL | undefined;
  /** The `code` parameter of the callback: the authorization code to redeem. */
  code: string | undefined;
  /** The `error` parameter of the callback. */
  error: string | undefined;
  /** The IdP page the walk stopped on when it did not get back to the client (e.g. a wrong password). */
  page: IdpPage | undefined;
  /** How many login forms were submitted (0 when the IdP session was reused). */
  logins: number;
  /** The cookies after the walk: pass it to the next call to reuse the IdP session. */
  jar: CookieJar;
}

const maxHops = 20;

/**
 * Walks an authorization request like a browser without JavaScript: follows redirects, carries
 * cookies, fills in the mock IdP's login form once and answers its consent page, until the IdP
 * redirects to `redirectUri` or shows a page it cannot go past. Given a device flow's
 * `verification_uri_complete` (RFC 8628 §3.3.1), it confirms the code as well, and ends on the
 * "Device connected" page.
 *
 * @example
 * const result = await followAuthorization(authorizationUrl, { redirectUri: 'http://127.0.0.1:5173/callback', username: 'alice' });
 * result.code; // the authorization code, for the token request
 */
export async function followAuthorization(
  authorizationUrl: string | URL,
  { redirectUri, username = 'alice', password = username, consent = 'allow', jar = new CookieJar() }: FollowAuthorizationOptions,
): Promise<FollowAuthorizationResult> {
  const callback = redirectUri === undefined ? undefined : new URL(redirectUri);
  let request: { url: URL; init?: RequestInit } = { url: new URL(authorizationUrl) };
  let logins = 0;
  let consents = 0;
  let confirmations = 0;

  for (let hop = 0; hop < maxHops; hop += 1) {
    const response = await browserFetch(jar, request.url, request.init);
    const location = response.headers.get('Location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      const next = new URL(location, request.url);
      if (callback !== undefined && next.origin === callback.origin && next.pathname === callback.pathname) {
        const params = next.hash ? new URLSearchParams(next.hash.slice(1)) : next.searchParams;
        return {
          callbackUrl: next,
          code: params.get('code') ?? undefined,
          error: params.get('error') ?? undefined,
          page: undefined,
          logins,
          jar,
        };
      }
      request = { url: next };
      continue;
    }

    const page: IdpPage = { url: request.url.href, status: response.status, html: await response.text() };
    const form = /<form[^>]*action="([^"]*)"[^>]*data-mock-idp="(login|consent)"/.exec(page.html);
    const alertShown = /<[^>]+role="alert"/.test(page.html);
    if (form?.[2] === 'login' && logins === 0 && !alertShown) {
      logins += 1;
      request = post(new URL(unescapeHtml(form[1] ?? ''), request.url), { username, password });
      continue;
    }
    if (form?.[2] === 'consent' && consents === 0 && consent !== 'stop') {
      consents += 1;
      request = post(new URL(unescapeHtml(form[1] ?? ''), request.url), { decision: consent });
      continue;
    }
    // The device flow's pages: oidc-provider's self-submitting form that carries the code, then the confirmation.
    const hidden = hiddenForm(page.html);
    if (hidden && confirmations === 0 && consent !== 'stop' && (hidden.confirms || /<title>Submitting Callback<\/title>/.test(page.html))) {
      if (hidden.confirms) confirmations += 1;
      const fields = hidden.confirms && consent === 'deny' ? { ...hidden.fields, abort: 'yes' } : hidden.fields;
      request = post(new URL(unescapeHtml(hidden.action), request.url), fields);
      continue;
    }
    return { callbackUrl: undefined, code: undefined, error: undefined, page, logins, jar };
  }
  throw new Error(`followAuthorization: more than ${maxHops} hops from ${String(authorizationUrl)}`);
}

function post(url: URL, fields: Record<string, string>): { url: URL; init: RequestInit } {
  return {
    url,
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    },
  };
}

/** The first form of `html` whose fields are all hidden, and whether it is the device flow's confirmation. */
function hiddenForm(html: string): { action: string; fields: Record<string, string>; confirms: boolean } | undefined {
  const form = /<form([^>]*)>([\s\S]*?)<\/form>/.exec(html);
  const action = form && /action="([^"]*)"/.exec(form[1] ?? '')?.[1];
  if (!form || action === undefined || action === null) return undefined;
  const fields: Record<string, string> = {};
  for (const input of (form[2] ?? '').matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"\/>/g)) {
    fields[input[1] ?? ''] = unescapeHtml(input[2] ?? '');
  }
  if (Object.keys(fields).length === 0) return undefined;
  return { action, fields, confirms: (form[1] ?? '').includes('data-mock-idp="device-confirm"') };
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
