import { fileURLToPath } from 'node:url'
import { defineConfig, mergeConfig, type TestProjectInlineConfiguration } from 'vitest/config'
import { sourceConditions } from '../../vitest.shared.js'

const react18 = (name: string) => fileURLToPath(new URL(`../../compat/react18/node_modules/${name}`, import.meta.url))
// Its CommonJS entry would require() react-dom past the aliases below, so the ESM build is aliased and inlined.
const testingLibraryEsm = fileURLToPath(
  new URL('../../node_modules/@testing-library/react/dist/@testing-library/react.esm.js', import.meta.url),
)

const shared = {
  environment: 'jsdom',
  environmentOptions: { jsdom: { url: 'http://127.0.0.1:5173/' } },
  restoreMocks: true,
  setupFiles: ['./src/test/setup.ts', '../core/src/test/setup.ts'],
  globalSetup: ['../../vitest.mockIdp.ts'],
} satisfies TestProjectInlineConfiguration['test']

/** Every test runs twice: on React 19 (the workspace's) and on React 18 (aliased from compat/react18). */
export default mergeConfig(
  sourceConditions,
  defineConfig({
    test: {
      projects: [
        { extends: true, test: { ...shared, name: 'react19' } },
        {
          extends: true,
          resolve: {
            alias: [
              { find: /^@testing-library\/react$/, replacement: testingLibraryEsm },
              { find: /^react$/, replacement: react18('react') },
              { find: /^react\/(.*)$/, replacement: `${react18('react')}/$1` },
              { find: /^react-dom$/, replacement: react18('react-dom') },
              { find: /^react-dom\/(.*)$/, replacement: `${react18('react-dom')}/$1` },
            ],
          },
          test: { ...shared, name: 'react18', server: { deps: { inline: [/@testing-library\/react/] } } },
        },
      ],
    },
  }),
)
