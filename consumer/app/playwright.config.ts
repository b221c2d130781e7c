import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'

const executablePath = process.env['PLAYWRIGHT_CHROMIUM_EXECUTABLE'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)

export default defineConfig({
  testDir: './tests',
  workers: 1,
  reporter: [['list'], ['json', { outputFile: process.env['SMOKE_REPORT'] ?? 'test-results/e2e.json' }]],
  use: {
    baseURL: 'http://127.0.0.1:4450',
    launchOptions: {
      ...(executablePath && { executablePath }),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: [
    {
      command: 'npx latchkey-mock-idp --port 9450 --client smoke=http://127.0.0.1:4450 --client smoke=http://127.0.0.1:4451',
      url: 'http://127.0.0.1:9450/.well-known/openid-configuration',
      stdout: 'ignore',
    },
    { command: 'npx vite preview', url: 'http://127.0.0.1:4450', stdout: 'ignore' },
    // The dev server, started cold: its first page load optimizes dependencies, which must not cost the popup sign-in.
    { command: 'npx vite --host 127.0.0.1 --port 4451 --strictPort', url: 'http://127.0.0.1:4451', stdout: 'ignore' },
  ],
})
