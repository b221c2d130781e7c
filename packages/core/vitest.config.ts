import { defineConfig, mergeConfig } from 'vitest/config'
import { sourceConditions } from '../../vitest.shared.js'

export default mergeConfig(
  sourceConditions,
  defineConfig({
    test: {
      environment: 'jsdom',
      environmentOptions: { jsdom: { url: 'http://127.0.0.1:5173/' } },
      restoreMocks: true,
      setupFiles: ['./src/test/setup.ts'],
      globalSetup: ['../../vitest.mockIdp.ts'],
    },
  }),
)
