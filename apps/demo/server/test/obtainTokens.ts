import { randomBytes } from 'node:crypto'

import { followAuthorization, type DpopKey } from '@latchkey/mock-idp'

import { createPkce } from './createPkce.js'

export interface ObtainTokensOptions {
  issuer: string
  clientId: string
  redirectUri: string
  /** `openid` plus the API scopes wanted, e.g. `openid orders:read`. */
  scope: string
  /** Default `alice`. */
  username?: string
  /** Redeems the code with a proof of this key, so the tokens are DPoP-bound to it. */
  dpopKey?: DpopKey
}

export interface Tokens {
  accessToken: string
  idToken: string
}

/**
 * Signs in at the mock IdP without a browser, as an SPA would: an Authorization Code request with
 * PKCE, walked by `followAuthorization`, and the code redeemed at the token endpoint.
 */
export async function obtainTokens({ issuer, clientId, redirectUri, scope, username = 'alice', dpopKey }: ObtainTokensOptions): Promise<Tokens> {
  const { codeVerifier, codeChallenge } = createPkce()
  const authorizationUrl = new URL('/auth', issuer)
  authorizationUrl.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state: randomBytes(16).toString('base64url'),
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  }).toString()
  const { code, error } = await followAuthorization(authorizationUrl, { redirectUri, username })
  if (code === undefined) throw new Error(`obtainTokens: the IdP answered no code (error ${String(error)})`)

  const tokenUrl = new URL('/token', issuer)
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(dpopKey && { DPoP: await dpopKey.proof({ htm: 'POST', htu: tokenUrl.href }) }),
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: codeVerifier,
      redirect_uri: redirectUri,
      client_id: clientId,
    }).toString(),
  })
  const body = (await response.json()) as Record<string, unknown>
  const { access_token: accessToken, id_token: idToken } = body
  if (response.status !== 200 || typeof accessToken !== 'string' || typeof idToken !== 'string') {
    throw new Error(`obtainTokens: the token endpoint answered ${response.status} ${JSON.stringify(body)}`)
  }
  return { accessToken, idToken }
}
