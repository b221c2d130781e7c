import type { RegistrationUrls } from './registrationUrls.js'

/** What `latchkey urls` prints: each list under the name IdPs give it, then the config to match. */
export function formatUrls(urls: RegistrationUrls): string[] {
  const list = (title: string, values: readonly string[]) => [title, ...values.map((value) => `  ${value}`)]
  const [redirect, popup] = urls.redirectUris
  const [postLogout] = urls.postLogoutRedirectUris
  // One URI for both: latchkey's default, which the config then need not name.
  const popupSetting = popup === undefined ? '' : `, popupRedirectUri: '${new URL(popup).pathname}'`
  const origin = urls.origin
  const relative = (url: string | undefined) => (url ? new URL(url).pathname : '')
  return [
    `Register at the identity provider for the app on ${origin} (a single-page app: public client, no secret, PKCE S256):`,
    ...list('Sign-in redirect URIs (redirect, popup and silent renewal):', urls.redirectUris),
    ...list('Post-logout redirect URIs:', urls.postLogoutRedirectUris),
    ...list('Web origins (CORS for the token, revocation and userinfo endpoints):', urls.webOrigins),
    `latchkey config to match: redirectUri: '${relative(redirect)}'${popupSetting}, postLogoutRedirectUri: '${relative(postLogout)}'`,
  ]
}
