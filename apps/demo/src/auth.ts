import { createAuthClient } from '@latchkey/react'

/** The IdP is chosen at build time so the e2e suite can point a build at its own mock IdP. */
export const authority = import.meta.env.VITE_LATCHKEY_AUTHORITY ?? 'http://127.0.0.1:9400'

export const auth = createAuthClient({
  authority,
  clientId: 'demo',
  redirectUri: '/callback',
  scope: 'openid profile email offline_access orders:read',
})
