import type { IdpMetadata } from '@latchkey/react'

/**
 * What a build of the demo knows about its IdP, from VITE_ settings, so that one demo runs against the
 * mock IdP (the defaults) or a third-party IdP such as the django-oauth-toolkit suite's.
 */
export const demoIdp = {
  authority: import.meta.env.VITE_LATCHKEY_AUTHORITY ?? 'http://127.0.0.1:9400',
  clientId: import.meta.env.VITE_LATCHKEY_CLIENT_ID ?? 'demo',
  scope: import.meta.env.VITE_LATCHKEY_SCOPE ?? 'openid profile email offline_access orders:read',
  metadataSeed: parseSeed(import.meta.env.VITE_LATCHKEY_METADATA_SEED),
  /** DPoP is off for an IdP without it (RFC 9449), such as django-oauth-toolkit 1.7. */
  dpop: import.meta.env.VITE_LATCHKEY_DPOP !== 'off',
  /** A userinfo endpoint the session page calls with `auth.fetch`, when set. */
  userinfoUrl: import.meta.env.VITE_LATCHKEY_USERINFO_URL,
}

function parseSeed(json: string | undefined): IdpMetadata | undefined {
  if (!json) return undefined
  try {
    return JSON.parse(json) as IdpMetadata
  } catch {
    throw new Error(`VITE_LATCHKEY_METADATA_SEED is not JSON: ${json}. Set it to an object of discovery fields, e.g. {"revocation_endpoint":"https://idp.example.com/revoke"}.`)
  }
}
