import { randomBytes } from 'node:crypto';

import { browserFetch } from '../browserFetch.js';
import type { CookieJar } from '../CookieJar.js';
import { createPkce } from './createPkce.js';

export interface SilentAuthorizeOptions {
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** The browser's cookies; the IdP session cookie in it is what lets the request succeed. */
  jar: CookieJar;
  /** Default `openid profile email orders:read`. */
  scope?: string;
}

export interface SilentAuthorizeResult {
  /** The IdP's answer to the one request, headers included. Its body has been read. */
  response: Response;
  /** Where that answer redirects to, when it is a redirect to `redirectUri`. */
  callbackUrl: URL | undefined;
  code: string | undefined;
  error: string | undefined;
  state: string;
  codeVerifier: string;
}

/**
 * Sends one `prompt=none` authorization request, as the hidden iframe of a silent renewal does, and
 * does not follow anything: an iframe renewal only works when the IdP answers at once with a
 * redirect to the client, never with a page.
 */
export async function silentAuthorize({
  issuer,
  clientId,
  redirectUri,
  jar,
  scope = 'openid profile email orders:read',
}: SilentAuthorizeOptions): Promise<SilentAuthorizeResult> {
  const { codeVerifier, codeChallenge } = createPkce();
  const state = randomBytes(16).toString('base64url');
  const url = new URL('/auth', issuer);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state,
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    prompt: 'none',
  }).toString();
  const response = await browserFetch(jar, url);
  await response.text();

  const location = response.headers.get('Location');
  const target = location === null ? undefined : new URL(location, url);
  const callback = new URL(redirectUri);
  const callbackUrl =
    target?.origin === callback.origin && target.pathname === callback.pathname ? target : undefined;
  return {
    response,
    callbackUrl,
    code: callbackUrl?.searchParams.get('code') ?? undefined,
    error: callbackUrl?.searchParams.get('error') ?? undefined,
    state,
    codeVerifier,
  };
}
