/**
 * The silent renewal feature: renewal in a hidden iframe when there is no refresh token. Also `@latchkey/react/silent-renewal`.
 *
 * @module @latchkey/core/silent-renewal
 */
import { defineFeature, type AuthFeature } from './AuthFeature.js'
import { relayAuthCallback } from './relayAuthCallback.js'
import { renewSilently } from './renewInIframe.js'

/** What the silent renewal feature brings to the client. */
export interface SilentRenewalCode {
  /** Renews with `prompt=none` in a hidden iframe. */
  renew: typeof renewSilently
  /** Hands the IdP's answer from the iframe to the app, when the iframe loads the app's own page. */
  relay: typeof relayAuthCallback
}

/**
 * Renewal without a refresh token: a `prompt=none` sign-in in a hidden iframe, for IdPs that give a
 * browser app no refresh token. Browsers that block third-party cookies can stop it; the error says
 * so. With a refresh token (scope `offline_access`) it is never used.
 *
 * @example
 * import { silentRenewal } from '@latchkey/core/silent-renewal'
 * const auth = createAuthClient({ authority, clientId, scope: 'openid profile', features: [silentRenewal()] })
 */
export function silentRenewal(): AuthFeature<'silent-renewal'> {
  return defineFeature('silent-renewal', { renew: renewSilently, relay: relayAuthCallback } satisfies SilentRenewalCode)
}
