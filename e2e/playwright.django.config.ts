import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'
import { chromiumProject } from './chromiumProject.js'
import { suiteSettings } from './suiteSettings.js'
import { appOrigin, appPort, clientId, djangoIssuer, djangoPort } from './django/ports.js'

/**
 * The demo against a third-party IdP, django-oauth-toolkit 1.7 (idps/django), on ports 9440–9449.
 * Django's access tokens are opaque, so the demo API (which verifies JWTs) is not started: the tests
 * call Django's userinfo endpoint with `auth.fetch` instead.
 */
const isCI = Boolean(process.env['CI'])
// Debian's Django is installed for the system Python, which a pyenv or venv python3 may not see.
const python = process.env['LATCHKEY_PYTHON'] ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3')

export default defineConfig({
  testDir: './django',
  ...suiteSettings,
  // Its own output folder: Playwright empties outputDir at the start of a run, and the mock IdP suite's
  // report (test-results/e2e.json) must survive this suite running after it.
  outputDir: 'test-results-django',
  reporter: [['list'], ['json', { outputFile: 'test-results-django/e2e-django.json' }]],
  use: { baseURL: appOrigin, trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [chromiumProject],
  webServer: [
    {
      command: `${python} ../idps/django/start.py --port ${djangoPort} --origin ${appOrigin} --client-id ${clientId}`,
      url: `${djangoIssuer}/.well-known/openid-configuration/`,
      reuseExistingServer: !isCI,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 30_000,
    },
    {
      // What a team writes for django-oauth-toolkit: its scopes, the revocation endpoint its discovery
      // leaves out, no DPoP (DOT 1.7 has none), and auth.fetch to its userinfo endpoint.
      command: `npx vite build --outDir dist-django --emptyOutDir && npx vite preview --outDir dist-django --port ${appPort} --strictPort`,
      cwd: '../apps/demo',
      env: {
        VITE_LATCHKEY_AUTHORITY: djangoIssuer,
        VITE_LATCHKEY_CLIENT_ID: clientId,
        VITE_LATCHKEY_SCOPE: 'openid profile email',
        VITE_LATCHKEY_METADATA_SEED: JSON.stringify({ revocation_endpoint: `${djangoIssuer}/revoke_token/` }),
        VITE_LATCHKEY_DPOP: 'off',
        VITE_LATCHKEY_USERINFO_URL: `${djangoIssuer}/userinfo/`,
      },
      url: appOrigin,
      reuseExistingServer: !isCI,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 60_000,
    },
  ],
})
