#!/usr/bin/env node
// What latchkey costs in an app bundle, in the same run as react-oidc-context and with two bundlers:
// every file in bench/fixtures/ is built for production by Vite and by esbuild (minified,
// tree-shaken) and the JavaScript the page loads at start is gzipped (level 9). A React app
// (`.tsx`) is reported minus the same app with React only (react-only.tsx); a library alone (`.ts`)
// as is. Adding a fixture file adds a row; its first line, a `//` comment, says what it holds (Markdown).
// Figures go to bench/results/size.json. Run alone with `node bench/size.mjs`.
import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { basename, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import * as esbuild from 'esbuild'
import { build, defaultClientConditions } from 'vite'
import { writeResult } from './writeResult.mjs'

const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url))
const baseline = 'react-only'
const peer = 'react-oidc-context'
// The minimal latchkey app; `latchkey-<feature>` fixtures are it plus a feature.
const minimal = 'latchkey'
const define = { 'process.env.NODE_ENV': '"production"' }
const gzip = (code) => gzipSync(code, { level: 9 }).length

/** Initial: the entry and the chunks it imports statically, joined; lazy: what dynamic imports add. */
function sizes(initialCode, allCode) {
  const initial = gzip(initialCode.join('\n'))
  return { gzip: initial, lazy: gzip(allCode.join('\n')) - initial }
}

async function measureWithVite(path) {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    root: fixturesDir,
    plugins: [react()],
    define,
    // Workspace packages from their TypeScript source: no build of the packages needed.
    resolve: { conditions: ['@latchkey/source', ...defaultClientConditions] },
    build: { write: false, minify: true, modulePreload: false, rollupOptions: { input: path } },
  })
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => result.output).filter((item) => item.type === 'chunk')
  const initial = chunks.filter((chunk) => chunk.isEntry || !chunk.isDynamicEntry)
  return sizes(
    initial.map((chunk) => chunk.code),
    chunks.map((chunk) => chunk.code),
  )
}

async function measureWithEsbuild(path) {
  const result = await esbuild.build({
    entryPoints: [path],
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    jsx: 'automatic',
    define,
    // esbuild drops its default `module` condition once conditions are set; it is put back.
    conditions: ['@latchkey/source', 'module'],
    absWorkingDir: fixturesDir,
    outdir: 'out', // never written (write: false), only names the outputs
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const code = new Map(result.outputFiles.filter((file) => file.path.endsWith('.js')).map((file) => [file.path, file.text]))
  const outputs = result.metafile.outputs
  // The metafile names outputs relative to absWorkingDir; outputFiles by absolute path.
  const codeOf = (output) => {
    const text = code.get(join(fixturesDir, output))
    if (text === undefined) throw new Error(`esbuild: no output file for ${output}`)
    return text
  }
  const entry = Object.keys(outputs).find((output) => outputs[output].entryPoint !== undefined)
  // The entry's static imports, transitively; chunks reached only by import() load later.
  const initial = new Set()
  const visit = (output) => {
    if (initial.has(output)) return
    initial.add(output)
    for (const imported of outputs[output].imports) if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path)
  }
  visit(entry)
  return sizes(
    [...initial].map(codeOf),
    [...code.values()],
  )
}

async function readFixtures() {
  // Only the files directly in fixtures/: parts/ holds what several fixtures share.
  const files = (await readdir(fixturesDir)).filter((file) => /\.tsx?$/.test(file))
  const fixtures = await Promise.all(
    files.map(async (file) => {
      const firstLine = (await readFile(join(fixturesDir, file), 'utf8')).split('\n')[0]
      return {
        name: basename(file, extname(file)),
        file: `bench/fixtures/${file}`,
        description: firstLine.startsWith('//') ? firstLine.slice(2).trim() : '',
        isReactApp: file.endsWith('.tsx'),
      }
    }),
  )
  // The baseline first, then the React apps, then the libraries alone.
  const rank = (fixture) => (fixture.name === baseline ? 0 : fixture.isReactApp ? 1 : 2)
  return fixtures.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
}

const bundlers = { vite: measureWithVite, esbuild: measureWithEsbuild }
const fixtures = await readFixtures()
for (const fixture of fixtures) {
  for (const [bundler, measure] of Object.entries(bundlers)) fixture[bundler] = await measure(join(fixturesDir, basename(fixture.file)))
}

// What each React app adds to React alone, that as a multiple of what react-oidc-context adds, and
// what a feature adds to the minimal latchkey app.
const find = (name) => fixtures.find((fixture) => fixture.name === name)
for (const bundler of Object.keys(bundlers)) {
  const base = find(baseline)[bundler].gzip
  const peerOver = find(peer)[bundler].gzip - base
  for (const fixture of fixtures) {
    const isCompared = fixture.isReactApp && fixture.name !== baseline
    fixture[bundler].overReact = isCompared ? fixture[bundler].gzip - base : null
    fixture[bundler].ratioToPeer = isCompared ? fixture[bundler].overReact / peerOver : null
    fixture[bundler].overMinimal = fixture.name.startsWith(`${minimal}-`) ? fixture[bundler].gzip - find(minimal)[bundler].gzip : null
  }
}

const require = createRequire(import.meta.url)
const versions = { vite: require('vite/package.json').version, esbuild: require('esbuild/package.json').version }
const written = await writeResult('size', { baseline, peer, minimal, versions, fixtures })

const cell = (value, width) => String(value ?? '').padStart(width)
console.log(`${'fixture'.padEnd(28)}${'Vite gzip'.padStart(11)}${'over React'.padStart(12)}${'ratio'.padStart(7)}${'esbuild gzip'.padStart(14)}${'over React'.padStart(12)}${'ratio'.padStart(7)}`)
for (const { name, vite, esbuild: es } of fixtures) {
  const ratio = (value) => (value === null ? '' : value.toFixed(2))
  console.log(`${name.padEnd(28)}${cell(vite.gzip, 11)}${cell(vite.overReact, 12)}${cell(ratio(vite.ratioToPeer), 7)}${cell(es.gzip, 14)}${cell(es.overReact, 12)}${cell(ratio(es.ratioToPeer), 7)}`)
}
console.log(`bytes, min+gzip, initial JavaScript; ratio: bytes over React / ${peer}'s. Written to ${written.join(', ')}`)
