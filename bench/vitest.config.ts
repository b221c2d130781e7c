import { fileURLToPath } from 'node:url'
import { defineConfig, mergeConfig } from 'vitest/config'
import { sourceConditions } from '../vitest.shared.js'

/**
 * Runs bench/runtime.tsx, the runtime comparison with react-oidc-context (`npm run bench`). It is a
 * vitest file only to get jsdom and a mock IdP outside it; it is not a test and `npm test` never
 * runs it (no package's vitest config includes bench/).
 */
export default mergeConfig(
  sourceConditions, // workspace packages load from their TypeScript source: no build needed
  defineConfig({
    root: fileURLToPath(new URL('.', import.meta.url)),
    test: {
      include: ['runtime.tsx'],
      environment: 'jsdom',
      // The IdP only accepts redirect URIs on this origin.
      environmentOptions: { jsdom: { url: 'http://127.0.0.1:5173/' } },
      // Restores Node's URLSearchParams, which Node's fetch needs for form bodies (jsdom replaces it).
      setupFiles: ['./setup.ts'],
      globalSetup: ['./mockIdp.ts'],
      testTimeout: 60_000,
      // oidc-provider's "Unsupported runtime" notice on Node 20 (harmless, see packages/mock-idp/README.md)
      // is printed again when the benchmark imports @latchkey/mock-idp; once, from the IdP, is enough.
      onConsoleLog: (log) => !log.includes('oidc-provider WARNING: Unsupported runtime'),
    },
  }),
)
