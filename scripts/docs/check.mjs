#!/usr/bin/env node
// The docs' CI checks, each of which fails the run:
//   1. TSDoc: TypeDoc generates the API reference and fails on a public export without documentation,
//      and every optional property of an options, config or props interface names its default.
//   2. Links: every relative link in docs/ (the API reference included) reaches a file, and its
//      #anchor a heading there.
//   3. Mermaid: every ```mermaid block renders, in Chromium, with the mermaid the site uses, and each
//      flow page has a sequenceDiagram among Browser, App, latchkey, IdP and API.
//   4. Code: every ```ts and ```tsx block type-checks against the workspace packages, except blocks
//      marked with `<!-- typecheck: skip -->` (see docs/docs-checks.md).
// The steps run side by side (links after TSDoc, whose API reference it reads). It prints what each
// checked and how long it took. scripts/test.mjs counts each step as a test
// from test-results/docs-check.json, so the summary line of `npm test` stays the only one.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { checkCodeBlocks } from './checkCodeBlocks.mjs'
import { checkLinks } from './checkLinks.mjs'
import { checkMermaid } from './checkMermaid.mjs'
import { checkTsdocContent } from './checkTsdocContent.mjs'
import { docsRoot, repoRoot } from './markdown.mjs'
import { spawnAsync } from './spawnAsync.mjs'

const only = process.argv.slice(2)
const steps = [
  ['tsdoc', 'TSDoc of every public export and the default of every option (TypeDoc), and the API reference', checkTsdoc],
  ['links', 'internal links and anchors', () => checkLinks(docsRoot)],
  ['mermaid', 'Mermaid diagrams rendered in Chromium', () => checkMermaid()],
  ['code', 'TypeScript and TSX code blocks type-checked against the packages', () => checkCodeBlocks(docsRoot)],
]

async function checkTsdoc() {
  const jsonFile = join(repoRoot, 'test-results/typedoc.json')
  rmSync(jsonFile, { force: true })
  const result = await spawnAsync('npx', ['typedoc', '--options', 'docs/typedoc.json', '--json', jsonFile], { cwd: repoRoot })
  const output = `${result.stdout}${result.stderr}`
  const problems = output.split('\n').filter((line) => /\[(warning|error)\]/.test(line))
  const failures = result.status === 0 ? [] : problems.length ? problems : [output.trim()]
  if (result.status !== 0) return { checked: 0, unit: 'documented exports', failures }
  const defaults = checkTsdocContent(jsonFile)
  return {
    checked: countDocumentedExports(),
    unit: `documented exports, ${defaults.checked} optional options each with its default`,
    failures: [...failures, ...defaults.failures],
  }
}

function countDocumentedExports() {
  // The reflections TypeDoc wrote a page for: one per exported function, class, interface, type and variable.
  const sidebar = JSON.parse(readFileSync(join(docsRoot, 'api/typedoc-sidebar.json'), 'utf8'))
  let pages = 0
  const walk = (items) => {
    for (const item of items) {
      if (item.items) walk(item.items)
      else if (item.link && !item.link.endsWith('/')) pages += 1
    }
  }
  walk(sidebar)
  return pages
}

mkdirSync(join(repoRoot, 'test-results'), { recursive: true })
let passed = 0
let failed = 0
const started = performance.now()

/** Runs one step once `after` has settled, timing the step alone; a step that throws fails with its error. */
async function timed(run, after) {
  await after
  const stepStarted = performance.now()
  let result
  try {
    result = await run()
  } catch (error) {
    result = { checked: 0, unit: 'items', failures: [String(error?.stack ?? error)] }
  }
  return { result, seconds: ((performance.now() - stepStarted) / 1000).toFixed(1) }
}

// The steps run side by side, except links, which reads the API reference the TSDoc step writes.
const running = []
let tsdocDone = Promise.resolve()
for (const [name, title, run] of steps) {
  if (only.length && !only.includes(name)) continue
  const step = timed(run, name === 'links' ? tsdocDone : undefined)
  if (name === 'tsdoc') tsdocDone = step
  running.push({ title, step })
}
for (const { title, step } of running) {
  const { result, seconds } = await step
  console.log(`\n$ docs check: ${title}`)
  for (const failure of result.failures) console.log(`  ✗ ${failure}`)
  const skipped = result.skipped ? `, ${result.skipped} skipped` : ''
  console.log(`  ${result.checked} ${result.unit}${skipped}, ${result.failures.length} failing (${seconds} s)`)
  if (result.failures.length) failed += 1
  else passed += 1
}
const total = ((performance.now() - started) / 1000).toFixed(1)
console.log(`\ndocs: ${passed} of ${passed + failed} checks passed in ${total} s`)
writeFileSync(join(repoRoot, 'test-results/docs-check.json'), `${JSON.stringify({ passed, failed, seconds: Number(total) })}\n`)
process.exit(failed > 0 ? 1 : 0)
