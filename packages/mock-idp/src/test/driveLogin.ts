import {
  followAuthorization,
  type FollowAuthorizationOptions,
  type FollowAuthorizationResult,
} from '../followAuthorization.js';
import {
  buildAuthorizationRequest,
  type AuthorizationRequest,
  type AuthorizationRequestOptions,
} from './buildAuthorizationRequest.js';

export interface DriveLoginOptions extends FollowAuthorizationOptions, Omit<AuthorizationRequestOptions, 'redirectUri'> {
  redirectUri: string;
}

export interface DriveLoginResult extends FollowAuthorizationResult, AuthorizationRequest {}

/**
 * Signs in on the mock IdP without a browser: builds an Authorization Code + PKCE request (at the
 * mock IdP's `/auth`), then walks it with {@link followAuthorization}. Redeem `code` with
 * `redeemCode`.
 */
export async function driveLogin({ issuer, clientId, scope, params, ...walk }: DriveLoginOptions): Promise<DriveLoginResult> {
  const request = buildAuthorizationRequest({
    issuer,
    clientId,
    redirectUri: walk.redirectUri,
    ...(scope === undefined ? {} : { scope }),
    ...(params === undefined ? {} : { params }),
  });
  const result = await followAuthorization(request.authorizationUrl, walk);
  return { ...result, ...request };
}
