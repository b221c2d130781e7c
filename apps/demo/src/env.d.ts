/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The mock IdP's issuer; `npm run demo` and the e2e suite set it. */
  readonly VITE_LATCHKEY_AUTHORITY?: string
}
