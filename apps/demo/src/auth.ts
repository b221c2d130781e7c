import { createAuthClient } from '@latchkey/react'
import { deviceCode } from '@latchkey/react/device-code'
import { dpop } from '@latchkey/react/dpop'
import { authFetch } from '@latchkey/react/fetch'
import { idTokenSignature } from '@latchkey/react/id-token-signature'
import { idleTimeout } from '@latchkey/react/idle-timeout'
import { popup } from '@latchkey/react/popup'
import { tabSync } from '@latchkey/react/tab-sync'
import { readDemoIdle } from './demoIdle.js'
import { demoIdp } from './demoIdpSettings.js'
import { readDemoStorage } from './demoStorage.js'
import { readDemoUserinfo } from './demoUserinfo.js'

/** The IdP is chosen at build time, so each e2e suite can point a build at its own IdP. */
export const authority = demoIdp.authority

/** Claims from userinfo at sign-in, chosen on the session page; then the tokens are bearer tokens (see below). */
const loadUserInfo = readDemoUserinfo()

export const auth = createAuthClient({
  authority,
  clientId: demoIdp.clientId,
  redirectUri: '/callback',
  scope: demoIdp.scope,
  ...(demoIdp.metadataSeed && { metadataSeed: demoIdp.metadataSeed }),
  // Chosen at run time on the session page (and by the e2e tab tests), so one build shows every kind.
  storage: readDemoStorage(),
  // What the demo shows beyond redirect sign-in; an app bundles only the features it adds.
  // auth.fetch may ask the user for orders:write when the API says it is missing, and for nothing else;
  // it sends the token to the userinfo endpoint's origin when the build names one.
  // dpop() binds the tokens to a key in this browser: a token copied out of storage is useless elsewhere.
  // It cannot go with loadUserInfo, which oidc-client-ts sends a bearer token.
  // idleTimeout() signs out after 15 minutes without activity in any tab, warning a minute ahead
  // (Layout renders <IdleWarning>); the e2e suite shortens it through localStorage.
  // deviceCode() signs the /tv page in from a phone (RFC 8628).
  features: [
    deviceCode(),
    popup(),
    tabSync(),
    authFetch({ stepUpScopes: ['orders:write'], ...(demoIdp.userinfoUrl && { origins: [new URL(demoIdp.userinfoUrl).origin] }) }),
    idTokenSignature(),
    idleTimeout(readDemoIdle()),
    ...(loadUserInfo || !demoIdp.dpop ? [] : [dpop()]),
  ],
  loadUserInfo,
})
