#!/usr/bin/env node
// Writes BENCHMARKS.md at the repo root from the figures the benches left in bench/results/*.json:
// the versions and the method, then one section per measurement. A measurement whose file is
// missing gets a line saying it did not run. The last step of `npm run bench`; run alone with
// `node bench/writeBenchmarks.mjs` to rewrite the page from the last results.
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { cpus, platform, release } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatStorageCoherence } from './formatStorageCoherence.mjs'
import { markdownTable } from './markdownTable.mjs'
import { formatTabs } from './tabs/formatTabs.mjs'
import { resultsDir } from './writeResult.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const ours = 'latchkey'
const peer = 'react-oidc-context'

async function readJson(path) {
  return JSON.parse(await readFile(path, 'utf8'))
}

async function readResults() {
  const files = await readdir(resultsDir).catch(() => [])
  const entries = await Promise.all(files.filter((file) => file.endsWith('.json')).map(async (file) => [file.slice(0, -'.json'.length), await readJson(join(resultsDir, file))]))
  return Object.fromEntries(entries)
}

async function readVersions() {
  const version = async (path) => (await readJson(join(root, path, 'package.json')).catch(() => ({ version: 'not installed' }))).version
  const packageDirs = (await readdir(join(root, 'packages'))).map((dir) => `packages/${dir}`)
  const latchkey = await Promise.all(packageDirs.map(async (dir) => `${(await readJson(join(root, dir, 'package.json'))).name} ${await version(dir)}`))
  const dependencies = ['react-oidc-context', 'oidc-client-ts', 'react', 'react-dom', 'vite', 'esbuild', 'playwright-core']
  return { latchkey, dependencies: await Promise.all(dependencies.map(async (name) => `${name} ${await version(`node_modules/${name}`)}`)) }
}

const ratio = (a, b) => (b === 0 ? (a === 0 ? '—' : '∞') : (a / b).toFixed(2))
const bytes = (value) => value.toLocaleString('en-US')
const notRun = (command, file) => [`Not measured in this run: \`${command}\` did not write \`bench/results/${file}\`.`]
let newest = 0 // the time of the latest result, set once all are read
const measured = (result) => {
  const at = `Measured ${result.measuredAt.slice(0, 16).replace('T', ' ')} UTC`
  // A bench that failed in this run leaves the last run's figures behind: say so.
  return Date.parse(result.measuredAt) < newest - 60 * 60 * 1000 ? `${at}, in an earlier run than the latest results.` : `${at}.`
}

/** One line per size goal in bench/size-budget.json: the fixture's figures against it, per bundler. */
function goalLines(size, goals) {
  return Object.entries(goals ?? {}).map(([name, goal]) => {
    const fixture = size.fixtures.find((candidate) => candidate.name === name)
    if (!fixture) return `- \`${name}\`: no such fixture in this run.`
    const verdicts = ['vite', 'esbuild'].map((bundler) => `${bundler === 'vite' ? 'Vite' : 'esbuild'} ${bytes(fixture[bundler].overReact)} (${fixture[bundler].overReact <= goal ? 'met' : 'over'})`)
    return `- \`${name}\` at most ${bytes(goal)} B over React: ${verdicts.join(', ')}.`
  })
}

function sizeSection(size, goals) {
  const title = 'Bundle size, per feature'
  if (!size) return { title, lines: notRun('node bench/size.mjs', 'size.json') }
  const both = (fixture, cell) => `${cell(fixture.vite)} / ${cell(fixture.esbuild)}`
  const total = (figures) => `${bytes(figures.gzip)}${figures.lazy > 0 ? ` (+${bytes(figures.lazy)} lazy)` : ''}`
  const overReact = (figures) => (figures.overReact === null ? '—' : `${bytes(figures.overReact)} (×${figures.ratioToPeer.toFixed(2)})`)
  const overMinimal = (figures) => (figures.overMinimal === null ? '—' : `+${bytes(figures.overMinimal)}`)
  const rows = size.fixtures.map((fixture) => [
    `\`${fixture.name}\``,
    // A description is Markdown from the fixture's first line; a pipe in it would end its cell.
    fixture.description.replaceAll('|', '\\|'),
    overReact(fixture.vite),
    overReact(fixture.esbuild),
    fixture.vite.overMinimal === null ? '—' : both(fixture, overMinimal),
    both(fixture, total),
  ])
  return {
    title,
    lines: [
      `Each file in \`bench/fixtures/\` is built for production by Vite ${size.versions.vite} (with @vitejs/plugin-react) and by esbuild ${size.versions.esbuild} ` +
        '(bundle, minify, ESM, automatic JSX, `NODE_ENV=production`), workspace packages from source; the JavaScript the page loads at start is gzipped at level 9. ' +
        `"Over React" is that minus the same figure for \`${size.baseline}\`, the app with React only, and, after ×, that as a multiple of what \`${size.peer}\` adds. ` +
        `"Feature" is what a \`${size.minimal}-…\` fixture adds to the minimal app \`${size.minimal}\`. Fixtures without React (\`.ts\`) are shown whole. ` +
        'Adding a fixture file adds a row. Bytes.',
      '',
      ...markdownTable(['fixture', 'what it holds', 'over React, Vite', 'over React, esbuild', 'feature, Vite / esbuild', 'whole app, Vite / esbuild'], rows),
      '',
      'The size goals (`goals` in `bench/size-budget.json`, which the budget check in `npm test` also reads):',
      '',
      ...goalLines(size, goals),
      '',
      measured(size),
    ],
  }
}

function rendersSection(runtime) {
  const title = 'Re-renders per renewal'
  if (!runtime) return { title, lines: notRun('vitest run --config bench/vitest.config.ts', 'runtime.json') }
  const row = (label, kind, part) => {
    const [a, b] = [runtime.renders[kind][ours][part], runtime.renders[kind][peer][part]]
    return [label, a, b, ratio(a, b)]
  }
  const n = runtime.statusReaders
  return {
    title,
    lines: [
      `One app per kit in jsdom (React ${runtime.react}, StrictMode off, a real mock IdP): ${n} components read only whether the user is signed in, 1 reads the name. ` +
        'Renders are counted in the components\' bodies during one renewal by refresh token that the app asks for (latchkey `client.renew()`, react-oidc-context `auth.signinSilent()`), ' +
        'and during the renewal each kit runs by itself before expiry (react-oidc-context: `userManager.signinSilent()`, as its automaticSilentRenew does).',
      '',
      ...markdownTable(
        ['components', ours, peer, 'ratio'],
        [
          row(`${n} status readers, renewal asked by the app`, 'renewal', 'status'),
          row('1 name reader, renewal asked by the app', 'renewal', 'name'),
          row(`${n} status readers, background renewal`, 'backgroundRenewal', 'status'),
          row('1 name reader, background renewal', 'backgroundRenewal', 'name'),
        ],
      ),
      '',
      measured(runtime),
    ],
  }
}

function roundTripsSection(runtime) {
  const title = 'Round trips to the IdP'
  if (!runtime) return { title, lines: notRun('vitest run --config bench/vitest.config.ts', 'runtime.json') }
  const cell = (list) => `${list.length}${list.length ? ` (${list.join(', ')})` : ''}`
  const row = (label, moment) => {
    const [a, b] = [runtime.requests[moment][ours], runtime.requests[moment][peer]]
    return [label, cell(a), cell(b), ratio(a.length, b.length)]
  }
  return {
    title,
    lines: [
      'The same apps, counting the requests that reach the IdP (through fetch, cross-checked with the IdP\'s journal) ' +
        'while the page load on `/callback?code=…` becomes signed in, while a reload with the stored session does, and during the first renewal after that reload and the next one.',
      '',
      ...markdownTable(
        ['moment', ours, peer, 'ratio'],
        [
          row('sign-in callback', 'callback'),
          row('first renewal after a reload', 'renewal'),
          row('a later renewal', 'laterRenewal'),
          row('reload with a stored session', 'restore'),
        ],
      ),
      ...(runtime.journalMismatches.length ? ['', `Warning: the IdP saw other requests than fetch did: ${runtime.journalMismatches.join('; ')}.`] : []),
      '',
      measured(runtime),
    ],
  }
}

function callbackSection(timing) {
  const title = 'Time from callback to signed in'
  if (!timing) return { title, lines: notRun('node bench/callbackTiming.mjs', 'callback-timing.json') }
  const peerMedian = timing.results.find((result) => result.kit === peer)?.signedInMs?.median
  const ms = (value) => `${Math.round(value)} ms`
  const range = ({ min, max }) => `${Math.round(min)}–${ms(max)}`
  const rows = timing.results.map(({ kit, runs, failed, signedInMs, domContentLoadedMs }) =>
    signedInMs
      ? [kit, ms(signedInMs.median), range(signedInMs), ms(domContentLoadedMs.median), `${runs}${failed ? ` (${failed} failed)` : ''}`, peerMedian ? ratio(signedInMs.median, peerMedian) : '—']
      : [kit, '—', '—', '—', `0 (${failed} failed)`, '—'],
  )
  const { machine } = timing
  return {
    title,
    lines: [
      `Headless Chromium ${timing.chromium}; each run a fresh browser context signs in at the mock IdP, which redirects to the app's \`/callback\`. ` +
        'The figure runs from the callback document\'s `fetchStart` (the browser starts fetching the callback URL) to the first DOM change that shows "Signed in as …", taken in the page with `performance.now()`. ' +
        `Both kits' apps (\`bench/apps/\`) are production builds served by vite preview on 127.0.0.1; runs alternate the kits, after ${timing.warmUps} warm-up run per kit. ` +
        'DOMContentLoaded, the part that is loading the page, is shown for scale. Ratio: median over react-oidc-context\'s median.',
      '',
      ...markdownTable(['kit', 'median', 'min–max', 'DOMContentLoaded (median)', 'runs', 'ratio'], rows),
      '',
      `${measured(timing)} Timings move with the machine's load${machine ? `: load average ${machine.loadAverageAtStart} on ${machine.cpus} CPUs at the start` : ''}.`,
    ],
  }
}

function formattedSection(result, format, command, file, fallbackTitle) {
  if (!result) return { title: fallbackTitle, lines: notRun(command, file) }
  const { title, lines } = format(result)
  return { title, lines: [...lines, '', measured(result)] }
}

const results = await readResults()
newest = Math.max(0, ...Object.values(results).map((result) => Date.parse(result.measuredAt)))
const versions = await readVersions()
const chromium = [results['callback-timing'], results.tabs, results['storage-coherence']].find((result) => result?.chromium)?.chromium
const sections = [
  sizeSection(results.size, (await readJson(join(root, 'bench/size-budget.json'))).goals),
  rendersSection(results.runtime),
  roundTripsSection(results.runtime),
  callbackSection(results['callback-timing']),
  formattedSection(results.tabs, formatTabs, 'node bench/tabs/run.mjs', 'tabs.json', 'Multi-tab: five tabs sharing one sign-in'),
  formattedSection(results['storage-coherence'], formatStorageCoherence, 'node bench/storageCoherence.mjs', 'storage-coherence.json', 'Storage coherence across tabs under a Web Lock'),
]

const page = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: latchkey and react-oidc-context measured in the same run, on one machine. ` +
    'The benches report; they assert nothing. Ratios are latchkey over react-oidc-context: below 1, latchkey needs less.',
  '',
  `- Node ${process.version} on ${platform()} ${release()}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}; Chromium ${chromium ?? 'not run'}`,
  `- latchkey: ${versions.latchkey.join(', ')}`,
  `- compared with and built by: ${versions.dependencies.join(', ')}`,
  `- the IdP is the mock IdP (\`@latchkey/mock-idp\`, node-oidc-provider) in the bench's process, on 127.0.0.1`,
  '',
  ...sections.flatMap(({ title, lines }) => [`## ${title}`, '', ...lines, '']),
]
await writeFile(join(root, 'BENCHMARKS.md'), page.join('\n'))
console.log(`BENCHMARKS.md written from ${Object.keys(results).map((name) => `bench/results/${name}.json`).join(', ') || 'no results'}`)
