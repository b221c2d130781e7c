import { defineConfig } from '@playwright/test'
import { chromiumProject } from './chromiumProject.js'
import { suiteSettings } from './suiteSettings.js'
import { apiOrigin, apiPort, appOrigin, appPort, idpIssuer, idpPort } from './tests/ports.js'

const isCI = Boolean(process.env['CI'])

export default defineConfig({
  testDir: './tests',
  ...suiteSettings,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: appOrigin,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [chromiumProject],
  webServer: [
    {
      command: `node ../packages/mock-idp/dist/cli.js --port ${idpPort} --client demo=${appOrigin}`,
      url: `${idpIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: !isCI,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 20_000,
    },
    {
      // The demo API, built here like the app below so the suite runs without a prior build.
      command: `npx tsc -p tsconfig.server.json && node dist-server/cli.js --port ${apiPort} --issuer ${idpIssuer}`,
      cwd: '../apps/demo',
      url: `${apiOrigin}/api/__journal`,
      reuseExistingServer: !isCI,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 30_000,
    },
    {
      // A production build of the demo, pointed at this suite's IdP; its preview proxies /api/ to the API above.
      command: `npx vite build --outDir dist-e2e --emptyOutDir && npx vite preview --outDir dist-e2e --port ${appPort} --strictPort`,
      cwd: '../apps/demo',
      env: { VITE_LATCHKEY_AUTHORITY: idpIssuer, LATCHKEY_DEMO_API: apiOrigin },
      url: appOrigin,
      reuseExistingServer: !isCI,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 60_000,
    },
  ],
})
