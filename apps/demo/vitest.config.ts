import { defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

// Like vitest.shared.ts's source conditions, but server ones in both places: merged with that file,
// its client list (with `browser`) would load jose's browser build here.
const conditions = ['@latchkey/source', ...defaultServerConditions]

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    environment: 'node',
    include: ['server/**/*.test.ts'],
    // Each file starts its own IdP and API; sharing the loaded modules saves loading oidc-provider per file.
    isolate: false,
    // A hang guard, not a timing check: a test that starts an IdP (an RSA key) and signs in can take
    // several seconds on a busy two-core machine.
    testTimeout: 20_000,
  },
})
