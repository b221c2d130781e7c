import { postToken, type TokenEndpointCall, type TokenResponse } from './postToken.js';

export interface RefreshOptions extends TokenEndpointCall {
  refreshToken: string;
}

/** Uses a refresh token at the mock IdP's token endpoint. */
export function refresh({ refreshToken, ...call }: RefreshOptions): Promise<TokenResponse> {
  return postToken(call, { grant_type: 'refresh_token', refresh_token: refreshToken });
}
