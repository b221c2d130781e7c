import { randomBytes } from 'node:crypto';

import { createPkce } from './createPkce.js';
import {
  followAuthorization,
  type FollowAuthorizationOptions,
  type FollowAuthorizationResult,
} from '../followAuthorization.js';

export interface DriveLoginOptions extends FollowAuthorizationOptions {
  issuer: string;
  clientId: string;
  /** Default `openid profile email offline_access orders:read`. */
  scope?: string;
  /** More authorization parameters (`prompt`, `login_hint`, `resource`, …); a value of null removes one. */
  params?: Record<string, string | null>;
}

export interface DriveLoginResult extends FollowAuthorizationResult {
  authorizationUrl: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * Signs in on the mock IdP without a browser: builds an Authorization Code + PKCE request (at the
 * mock IdP's `/auth`), then walks it with {@link followAuthorization}. Redeem `code` with
 * `redeemCode`.
 */
export async function driveLogin({
  issuer,
  clientId,
  scope = 'openid profile email offline_access orders:read',
  params = {},
  ...walk
}: DriveLoginOptions): Promise<DriveLoginResult> {
  const { codeVerifier, codeChallenge } = createPkce();
  const state = randomBytes(16).toString('base64url');
  const nonce = randomBytes(16).toString('base64url');
  const authorizationUrl = new URL('/auth', issuer);
  const query: Record<string, string | null> = {
    client_id: clientId,
    redirect_uri: walk.redirectUri,
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
  const result = await followAuthorization(authorizationUrl, walk);
  return { ...result, authorizationUrl, state, nonce, codeVerifier };
}
