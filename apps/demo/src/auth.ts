import { createAuthClient } from '@latchkey/react'
import { readDemoStorage } from './demoStorage.js'

/** The IdP is chosen at build time so the e2e suite can point a build at its own mock IdP. */
export const authority = import.meta.env.VITE_LATCHKEY_AUTHORITY ?? 'http://127.0.0.1:9400'

export const auth = createAuthClient({
  authority,
  clientId: 'demo',
  redirectUri: '/callback',
  scope: 'openid profile email offline_access orders:read',
  // Chosen at run time on the session page (and by the e2e tab tests), so one build shows every kind.
  storage: readDemoStorage(),
})
