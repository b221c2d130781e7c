import { randomBytes } from 'node:crypto';

import { createPkce } from './createPkce.js';

export interface AuthorizationRequestOptions {
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** Default `openid profile email offline_access orders:read`. */
  scope?: string;
  /** More authorization parameters (`prompt`, `login_hint`, `resource`, …); a value of null removes one. */
  params?: Record<string, string | null>;
}

export interface AuthorizationRequest {
  authorizationUrl: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** An Authorization Code + PKCE request at the mock IdP's `/auth`, as an SPA would build it. */
export function buildAuthorizationRequest({
  issuer,
  clientId,
  redirectUri,
  scope = 'openid profile email offline_access orders:read',
  params = {},
}: AuthorizationRequestOptions): AuthorizationRequest {
  const { codeVerifier, codeChallenge } = createPkce();
  const state = randomBytes(16).toString('base64url');
  const nonce = randomBytes(16).toString('base64url');
  const authorizationUrl = new URL('/auth', issuer);
  const query: Record<string, string | null> = {
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state,
    nonce,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    ...params,
  };
  for (const [name, value] of Object.entries(query)) {
    if (value !== null) authorizationUrl.searchParams.set(name, value);
  }
  return { authorizationUrl, state, nonce, codeVerifier };
}
