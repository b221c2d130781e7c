/// <reference types="vite/client" />

/** Settings a build of the demo reads (see demoIdpSettings.ts); `npm run demo` and the e2e suites set them. */
interface ImportMetaEnv {
  /** The IdP's issuer. Default the mock IdP of `npm run demo`. */
  readonly VITE_LATCHKEY_AUTHORITY?: string
  /** Default `demo`. */
  readonly VITE_LATCHKEY_CLIENT_ID?: string
  /** Default `openid profile email offline_access orders:read`. */
  readonly VITE_LATCHKEY_SCOPE?: string
  /** JSON discovery fields that fill in or override the IdP's (`metadataSeed`). */
  readonly VITE_LATCHKEY_METADATA_SEED?: string
  /** `off` leaves out dpop(). */
  readonly VITE_LATCHKEY_DPOP?: string
  /** A userinfo endpoint for the session page's "Call userinfo" (its origin may receive the token). */
  readonly VITE_LATCHKEY_USERINFO_URL?: string
}
