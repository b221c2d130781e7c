#!/usr/bin/env node
// Runs every test: build, typecheck, packaging lint, unit tests (Vitest), the size budget, the docs
// checks and site build, e2e tests (Playwright, Chromium; against the mock IdP, and against
// django-oauth-toolkit when Python has it) and the consumer smoke test (consumer/run.mjs), then
// prints one line "N passed, M failed" summed over all of them.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { findChromium } from './findChromium.mjs'

const root = new URL('..', import.meta.url).pathname
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '1' }
const resultFiles = {
  unit: [...['packages/core', 'packages/react', 'packages/mock-idp', 'packages/testing', 'packages/cli', 'apps/demo'].map((dir) => join(root, dir, 'test-results/vitest.json')), join(root, 'consumer/test-results/vitest.json')],
  e2e: [join(root, 'e2e/test-results/e2e.json'), join(root, 'e2e/test-results-django/e2e-django.json'), join(root, 'consumer/test-results/e2e.json')],
  docs: [join(root, 'test-results/docs-check.json')],
}

function run(command, args) {
  console.log(`\n$ ${command} ${args.join(' ')}`)
  return spawnSync(command, args, { cwd: root, env, stdio: 'inherit' }).status ?? 1
}

function playwrightHasOwnChromium() {
  try {
    const require = createRequire(join(root, 'e2e/package.json'))
    const { chromium } = require('playwright-core')
    return existsSync(chromium.executablePath())
  } catch {
    return false
  }
}

function ensureChromium() {
  const found = findChromium()
  if (found === undefined) {
    console.error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE=${process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE} does not exist.`)
    return false
  }
  if (found || playwrightHasOwnChromium()) return true
  const isDebianRoot = existsSync('/etc/debian_version') && process.getuid?.() === 0
  if (isDebianRoot) {
    console.log('No Chromium found: installing Debian\'s chromium package.')
    if (run('sh', ['-c', 'DEBIAN_FRONTEND=noninteractive apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium']) === 0 && findChromium()) return true
  }
  console.error(
    [
      'No Chromium found for the end-to-end tests. Any one of these works:',
      '  - Debian/Ubuntu: sudo apt-get install -y chromium',
      '  - set PLAYWRIGHT_CHROMIUM_EXECUTABLE=/path/to/chrome-or-chromium',
      '  - npx playwright install chromium (downloads Playwright\'s own build)',
    ].join('\n'),
  )
  return false
}

function count(file, kind) {
  if (!existsSync(file)) return null
  const report = JSON.parse(readFileSync(file, 'utf8'))
  if (kind === 'unit') return { passed: report.numPassedTests, failed: report.numFailedTests }
  if (kind === 'docs') return { passed: report.passed, failed: report.failed }
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats ?? {}
  return { passed: expected + flaky, failed: unexpected }
}

for (const file of Object.values(resultFiles).flat()) rmSync(file, { force: true })

/** The Python that has Django, django-oauth-toolkit and django-cors-headers (Debian's, by default), or null. */
function findDjangoPython() {
  const python = process.env.LATCHKEY_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3')
  const probe = spawnSync(python, ['-c', 'import django, oauth2_provider, corsheaders'], { stdio: 'ignore' })
  if (probe.status === 0) return python
  console.error(
    [
      `No django-oauth-toolkit for ${python}: the e2e suite against a third-party IdP cannot run. Either:`,
      '  - Debian/Ubuntu: sudo apt-get install -y python3-django-oauth-toolkit python3-django-cors-headers',
      '  - set LATCHKEY_PYTHON to a python3 that has django-oauth-toolkit 1.7 and django-cors-headers',
    ].join('\n'),
  )
  return null
}

let failedSteps = 0
let missingReports = 0
const haveChromium = ensureChromium()
failedSteps += run('npx', ['turbo', 'run', 'build', 'typecheck', 'lint', 'test', '--continue']) === 0 ? 0 : 1
failedSteps += run('node', ['scripts/checkSizeBudget.mjs']) === 0 ? 0 : 1
console.log(
  '\nDocs: `npm run docs:check` generates the API reference with TypeDoc (failing on a public export without TSDoc)\n' +
    'and checks internal links and anchors, renders every Mermaid diagram in Chromium and type-checks every TS/TSX\n' +
    'code block, side by side; each of those four counts as one test. Then VitePress builds the site\n' +
    '(`npm run docs:build` without its TypeDoc run, which the check just did).',
)
failedSteps += run('npm', ['run', '--silent', 'docs:check']) === 0 ? 0 : 1
failedSteps += run('npx', ['vitepress', 'build', 'docs']) === 0 ? 0 : 1
if (haveChromium) {
  failedSteps += run('npx', ['turbo', 'run', 'e2e', '--continue']) === 0 ? 0 : 1
  // The packages as a new app gets them: packed, installed, type-checked, built, signed in with.
  failedSteps += run('node', ['consumer/run.mjs']) === 0 ? 0 : 1
} else failedSteps += 2
const djangoPython = haveChromium ? findDjangoPython() : null
if (djangoPython) {
  env.LATCHKEY_PYTHON = djangoPython
  failedSteps += run('npx', ['turbo', 'run', 'e2e:django', '--continue']) === 0 ? 0 : 1
} else failedSteps += 1

let passed = 0
let failed = 0
for (const [kind, files] of Object.entries(resultFiles)) {
  for (const file of files) {
    const counted = count(file, kind)
    if (counted === null) {
      missingReports += 1
      console.error(`No test report at ${file}: that suite did not run.`)
      continue
    }
    passed += counted.passed
    failed += counted.failed
  }
}
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed > 0 || failedSteps > 0 || missingReports > 0 ? 1 : 0)
