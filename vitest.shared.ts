import { defaultClientConditions, defaultServerConditions } from 'vite'
import type { ViteUserConfig } from 'vitest/config'

/** Tests read each workspace package from its TypeScript source, so no build is needed first. */
export const sourceConditions: ViteUserConfig = {
  resolve: { conditions: ['@latchkey/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@latchkey/source', ...defaultServerConditions] } },
  // Hang guards, not timings: a test that signs in against the real mock IdP took over 5 s (vitest's
  // default) in a CI run that shared two cores with other work.
  test: { testTimeout: 20_000, hookTimeout: 30_000 },
}
