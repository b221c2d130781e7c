import { createMockIdp, type DpopKey, type MockIdp, type MockIdpOptions } from '@latchkey/mock-idp'

import { createDemoApi, type DemoApi, type DemoApiOptions } from '../createDemoApi.js'
import { obtainTokens, type Tokens } from './obtainTokens.js'

export interface IdpAndApi {
  idp: MockIdp
  api: DemoApi
  /** Signs `username` (default alice) in for these scopes (`openid` is added); with `dpopKey`, the tokens are bound to it. */
  signIn(scope: string, username?: string, dpopKey?: DpopKey): Promise<Tokens>
  /** Calls the API with an optional bearer token. */
  call(path: string, init?: RequestInit & { token?: string }): Promise<Response>
  close(): Promise<void>
}

const clientId = 'demo'
const redirectUri = 'http://127.0.0.1:5173/callback'

/** A real mock IdP and the demo API in front of it, both on free ports. */
export async function startIdpAndApi({
  idp: idpOptions = {},
  api: apiOptions = {},
}: { idp?: Partial<MockIdpOptions>; api?: Partial<DemoApiOptions> } = {}): Promise<IdpAndApi> {
  const idp = await createMockIdp({ port: 0, ...idpOptions, clients: [{ clientId, redirectUris: [redirectUri] }] })
  const api = await createDemoApi({ issuer: idp.issuer, ...apiOptions })
  return {
    idp,
    api,
    signIn: (scope, username, dpopKey) =>
      obtainTokens({
        issuer: idp.issuer,
        clientId,
        redirectUri,
        scope: `openid ${scope}`,
        ...(username !== undefined && { username }),
        ...(dpopKey !== undefined && { dpopKey }),
      }),
    call(path, { token, headers, ...init } = {}) {
      const sent = new Headers(headers)
      if (token !== undefined) sent.set('Authorization', `Bearer ${token}`)
      return fetch(new URL(path, api.url), { ...init, headers: sent })
    },
    async close() {
      await Promise.all([api.close(), idp.close()])
    },
  }
}
