#!/usr/bin/env node
// `npm run demo`: the mock IdP, the demo API and the demo's dev server in one process, with the URLs and test users.
import { fileURLToPath } from 'node:url'
import { buildDemoServices } from './buildDemoServices.mjs'

const idpPort = Number(process.env.LATCHKEY_IDP_PORT ?? 9400)
const apiPort = Number(process.env.LATCHKEY_DEMO_API_PORT ?? 4001)
const appPort = 5173
const appOrigin = `http://127.0.0.1:${appPort}`

// The IdP and the API run in Node from their builds; the app itself is served from source by Vite.
const { createMockIdp, createDemoApi } = await buildDemoServices()
const { createServer } = await import('vite')

const idp = await createMockIdp({
  port: idpPort,
  clients: [{ clientId: 'demo', redirectUris: [`${appOrigin}/callback`] }],
})
const api = await createDemoApi({ issuer: idp.issuer, port: apiPort })
process.env.VITE_LATCHKEY_AUTHORITY = idp.issuer
// Read by apps/demo/vite.config.ts: the dev server proxies /api/ there, so the app calls it same-origin.
process.env.LATCHKEY_DEMO_API = api.url
const vite = await createServer({
  root: fileURLToPath(new URL('../apps/demo', import.meta.url)),
  configFile: fileURLToPath(new URL('../apps/demo/vite.config.ts', import.meta.url)),
  server: { port: appPort, host: '127.0.0.1', strictPort: true },
})
await vite.listen()

console.log(`
  Latchkey demo     ${appOrigin}/
  Mock IdP          ${idp.issuer}
  Demo API          ${api.url}/api (through the app at ${appOrigin}/api)
  Test users        ${idp.users.map((user) => `${user.username} / ${user.password}`).join('    ')}

  Press Ctrl+C to stop.
`)

async function stop() {
  await Promise.allSettled([vite.close(), api.close(), idp.close()])
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
