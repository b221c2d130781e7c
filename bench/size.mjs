#!/usr/bin/env node
// What latchkey costs in an app bundle: each fixture is built by Vite for production (minified,
// tree-shaken) and its JavaScript gzipped; apps are reported minus the same app with React only.
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { build, defaultClientConditions } from 'vite'

const fixtures = {
  'react-only': 'react-only.tsx',
  latchkey: 'latchkey.tsx',
  'react-oidc-context': 'react-oidc-context.tsx',
  'oidc-client-ts OidcClient': 'oidc-client.ts',
  'oidc-client-ts UserManager': 'user-manager.ts',
}

async function measure(file) {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    root: fileURLToPath(new URL('./fixtures', import.meta.url)),
    plugins: [react()],
    define: { 'process.env.NODE_ENV': '"production"' },
    resolve: { conditions: ['@latchkey/source', ...defaultClientConditions] },
    build: { write: false, minify: true, modulePreload: false, rollupOptions: { input: fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url)) } },
  })
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => result.output).filter((item) => item.type === 'chunk')
  const code = chunks.map((chunk) => chunk.code).join('\n')
  return { min: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length }
}

const results = {}
for (const [name, file] of Object.entries(fixtures)) results[name] = await measure(file)

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
const base = results['react-only']
console.log('name                          min+gzip    over React alone')
for (const [name, { gzip }] of Object.entries(results)) {
  const over = name.startsWith('oidc-client-ts') || name === 'react-only' ? '' : `${gzip - base.gzip} B (${kib(gzip - base.gzip)})`
  console.log(`${name.padEnd(30)}${String(gzip).padStart(8)} B  ${over}`)
}
const ours = results.latchkey.gzip - base.gzip
const peer = results['react-oidc-context'].gzip - base.gzip
console.log(`\nlatchkey / react-oidc-context (added bytes): ${(ours / peer).toFixed(2)}`)
