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
  // What the page loads at start: the entry and what it imports statically. Lazy chunks load on first use.
  const initial = chunks.filter((chunk) => chunk.isEntry || !chunk.isDynamicEntry)
  const size = (list) => gzipSync(list.map((chunk) => chunk.code).join('\n'), { level: 9 }).length
  return { gzip: size(initial), lazy: size(chunks) - size(initial) }
}

const results = {}
for (const [name, file] of Object.entries(fixtures)) results[name] = await measure(file)

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
const base = results['react-only']
console.log('name                          initial min+gzip   over React alone     lazy chunks')
for (const [name, { gzip, lazy }] of Object.entries(results)) {
  const over = name.startsWith('oidc-client-ts') || name === 'react-only' ? '' : `${gzip - base.gzip} B (${kib(gzip - base.gzip)})`
  console.log(`${name.padEnd(30)}${String(gzip).padStart(8)} B          ${over.padEnd(21)}${lazy > 0 ? `${lazy} B` : ''}`)
}
const ours = results.latchkey.gzip - base.gzip
const peer = results['react-oidc-context'].gzip - base.gzip
console.log(`\nlatchkey / react-oidc-context (initial bytes added to the app): ${(ours / peer).toFixed(2)}`)
