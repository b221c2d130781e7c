import { postToken, type TokenEndpointCall, type TokenResponse } from './postToken.js';

export interface RedeemCodeOptions extends TokenEndpointCall {
  redirectUri: string;
  code: string;
  codeVerifier: string;
}

/** Exchanges an authorization code (with its PKCE verifier) at the mock IdP's token endpoint. */
export function redeemCode({ code, codeVerifier, redirectUri, ...call }: RedeemCodeOptions): Promise<TokenResponse> {
  return postToken(call, codeGrantFields({ code, codeVerifier, redirectUri }));
}

/** The form fields of an authorization_code grant, for `fetchToken` when a test reads the response itself. */
export function codeGrantFields({ code, codeVerifier, redirectUri }: Pick<RedeemCodeOptions, 'code' | 'codeVerifier' | 'redirectUri'>): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    code,
    code_verifier: codeVerifier,
    redirect_uri: redirectUri,
  };
}
