#!/usr/bin/env node
// `npm run demo`: the mock IdP and the demo's dev server in one process, with the URL and test users.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const idpPort = Number(process.env.LATCHKEY_IDP_PORT ?? 9400)
const appPort = 5173
const appOrigin = `http://127.0.0.1:${appPort}`

// The IdP runs in Node from its build; the app itself is served from source by Vite.
const built = spawnSync('npx', ['turbo', 'run', 'build', '--filter=@latchkey/mock-idp', '--output-logs=errors-only'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
})
if (built.status !== 0) process.exit(built.status ?? 1)

const { createMockIdp } = await import('@latchkey/mock-idp')
const { createServer } = await import('vite')

const idp = await createMockIdp({
  port: idpPort,
  clients: [{ clientId: 'demo', redirectUris: [`${appOrigin}/callback`, `${appOrigin}/popup-callback.html`] }],
})
process.env.VITE_LATCHKEY_AUTHORITY = idp.issuer
const vite = await createServer({
  root: fileURLToPath(new URL('../apps/demo', import.meta.url)),
  configFile: fileURLToPath(new URL('../apps/demo/vite.config.ts', import.meta.url)),
  server: { port: appPort, host: '127.0.0.1', strictPort: true },
})
await vite.listen()

console.log(`
  Latchkey demo     ${appOrigin}/
  Mock IdP          ${idp.issuer}
  Test users        ${idp.users.map((user) => `${user.username} / ${user.password}`).join('    ')}

  Press Ctrl+C to stop.
`)

async function stop() {
  await Promise.allSettled([vite.close(), idp.close()])
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
