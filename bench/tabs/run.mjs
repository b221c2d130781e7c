#!/usr/bin/env node
// Why this exists: renewal across tabs is where SPA auth kits break. Five tabs of one browser share
// one sign-in; the mock IdP rotates refresh tokens and revokes the whole grant when a used one comes
// back, so two tabs refreshing with the same token sign every tab out. This bench runs the same
// five-tab scenario for latchkey and react-oidc-context, with session and local storage, in one run:
// 5 s access tokens, each tab calling the demo API every second for 30 s, then the IdP's journal
// says how many sign-ins and refreshes it took and whether any refresh was refused.
// A benchmark, not a test: it prints numbers and asserts nothing. Run with `npm run bench` (last), or
// alone with `node bench/tabs/run.mjs`; the table also goes to bench/results/tabs.md (not committed).
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { findChromium } from '../../scripts/findChromium.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const tabCount = 5
const accessTokenTtl = 5
const scenarioMs = 30_000
const signInTimeoutMs = 15_000
const kits = ['latchkey', 'react-oidc-context']
const storages = ['session', 'local']
const user = { username: 'alice', password: 'alice' }
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync']

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } })
    child.on('error', () => resolve(1))
    child.on('exit', (code) => resolve(code ?? 1))
  })
}

/** A port free on 127.0.0.1 now: the apps' origins must be known before the IdP registers their redirect URIs. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

// The IdP and the API run in Node from their builds (as in scripts/demo.mjs); the apps are bundled by Vite.
const builds = await Promise.all([
  run('npx', ['turbo', 'run', 'build', '--filter=@latchkey/mock-idp', '--output-logs=errors-only']),
  run('npx', ['tsc', '-p', 'apps/demo/tsconfig.server.json']),
])
const failed = builds.find((code) => code !== 0)
if (failed !== undefined) process.exit(failed)

const chromiumPath = findChromium()
if (chromiumPath === undefined) {
  console.error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE=${process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE} does not exist.`)
  process.exit(1)
}

const { createMockIdp } = await import('@latchkey/mock-idp')
const { createDemoApi } = await import('../../apps/demo/dist-server/index.js')
const { build, defaultClientConditions, preview } = await import('vite')
const { default: react } = await import('@vitejs/plugin-react')
const { chromium } = await import('playwright-core')

const origins = Object.fromEntries(await Promise.all(kits.map(async (kit) => [kit, `http://127.0.0.1:${await freePort()}`])))
const idp = await createMockIdp({
  port: 0,
  accessTokenTtl,
  // One client per kit, so neither kit's grants at the IdP can help or hinder the other.
  clients: kits.map((kit) => ({ clientId: kit, redirectUris: [`${origins[kit]}/callback`] })),
})
const api = await createDemoApi({ issuer: idp.issuer })
const discovery = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()
const authorizationPath = new URL(discovery.authorization_endpoint).pathname
const outDir = await mkdtemp(join(tmpdir(), 'latchkey-bench-tabs-'))

/** Builds the kit's app for production and serves it on its origin, with /api/ proxied to the demo API. */
async function serveApp(kit) {
  const appRoot = fileURLToPath(new URL(`./apps/${kit}`, import.meta.url))
  const appOut = join(outDir, kit)
  await build({
    configFile: false,
    logLevel: 'warn',
    root: appRoot,
    plugins: [react()],
    define: { __BENCH_ISSUER__: JSON.stringify(idp.issuer) },
    // latchkey from its TypeScript source, like the size bench: no build of the packages needed.
    resolve: { conditions: ['@latchkey/source', ...defaultClientConditions] },
    build: { outDir: appOut, emptyOutDir: true },
  })
  const { port } = new URL(origins[kit])
  return preview({
    configFile: false,
    logLevel: 'warn',
    root: appRoot,
    build: { outDir: appOut },
    preview: { host: '127.0.0.1', port: Number(port), strictPort: true, proxy: { '/api/': api.url } },
  })
}

/** Whether the tab came to show itself signed in (a new tab may first go to the IdP and back). */
async function waitUntilSignedIn(page) {
  try {
    await page.getByTestId('session').getByText(/^Signed in as /).waitFor({ timeout: signInTimeoutMs })
    return true
  } catch {
    return false
  }
}

/** What each tab shows at the end: signed in or not, and its API calls. */
async function readTab(page) {
  const text = async (testId) => (await page.getByTestId(testId).textContent({ timeout: 1_000 }).catch(() => null)) ?? ''
  return {
    signedIn: (await text('session')).startsWith('Signed in as '),
    answered: Number(await text('answered')),
    failed: Number(await text('failed')),
  }
}

/** A refresh refused with invalid_grant; before the journal had `error`, any refresh answered 400. */
function isInvalidGrant(entry) {
  return entry.grantType === 'refresh_token' && (entry.error ?? (entry.status === 400 ? 'invalid_grant' : undefined)) === 'invalid_grant'
}

/** Page 1 signs in at the IdP's login page; the other tabs open after it, in the same browser context. */
async function runScenario(browser, kit, storage) {
  idp.clearJournal()
  const origin = origins[kit]
  const context = await browser.newContext()
  context.setDefaultTimeout(signInTimeoutMs)
  await context.addInitScript(
    ([appOrigin, value]) => {
      if (location.origin === appOrigin) localStorage.setItem('latchkey-bench:storage', value)
    },
    [origin, storage],
  )
  const first = await context.newPage()
  await first.goto(`${origin}/`)
  await first.getByLabel('Username').fill(user.username)
  await first.getByLabel('Password').fill(user.password)
  await first.getByRole('button', { name: 'Sign in' }).click()
  if (!(await waitUntilSignedIn(first))) throw new Error(`${kit} (${storage}): the first tab did not sign in`)
  const signedInAt = Date.now()
  const pages = [first]
  for (let opened = 1; opened < tabCount; opened += 1) {
    const page = await context.newPage()
    await page.goto(`${origin}/`)
    await waitUntilSignedIn(page)
    pages.push(page)
  }
  await sleep(scenarioMs)
  const elapsedSeconds = (Date.now() - signedInAt) / 1000
  const tabs = await Promise.all(pages.map(readTab))
  const journal = idp.journal()
  await context.close()

  const refreshes = journal.filter((entry) => entry.grantType === 'refresh_token').length
  const expiries = Math.ceil(elapsedSeconds / accessTokenTtl)
  return {
    kit,
    storage,
    seconds: Math.round(elapsedSeconds),
    authorizations: journal.filter((entry) => entry.path === authorizationPath).length,
    refreshes,
    expiries,
    refreshesPerExpiry: refreshes / expiries,
    invalidGrants: journal.filter(isInvalidGrant).length,
    signedOut: tabs.filter((tab) => !tab.signedIn).length,
    apiCalls: tabs.reduce((sum, tab) => sum + tab.answered + tab.failed, 0),
    failedApiCalls: tabs.reduce((sum, tab) => sum + tab.failed, 0),
  }
}

function toMarkdown(results) {
  const header = [
    'kit',
    'storage',
    'authorization requests',
    'refresh requests',
    'expiries',
    'refreshes per expiry',
    'invalid_grant',
    `pages signed out (of ${tabCount})`,
    'failed API calls',
  ]
  const rows = results.map((r) =>
    [r.kit, r.storage, r.authorizations, r.refreshes, `${r.expiries} (${r.seconds} s)`, r.refreshesPerExpiry.toFixed(2), r.invalidGrants, r.signedOut, `${r.failedApiCalls} of ${r.apiCalls}`],
  )
  const line = (cells) => `| ${cells.join(' | ')} |`
  return [
    `# ${tabCount} tabs, ${accessTokenTtl} s access tokens, ${scenarioMs / 1000} s of API calls`,
    '',
    `One browser context: tab 1 signs in at the mock IdP, then ${tabCount - 1} more tabs open; every tab calls the demo API every second.`,
    'The IdP rotates refresh tokens and revokes the grant when a used one comes back. Expiries: time since sign-in divided by the token lifetime, rounded up.',
    `Goal: 1 authorization request, at most 1.25 refreshes per expiry, 0 invalid_grant, 0 pages signed out. Measured ${new Date().toISOString()}.`,
    '',
    line(header),
    line(header.map(() => '---')),
    ...rows.map(line),
    '',
  ].join('\n')
}

const servers = await Promise.all(kits.map(serveApp))
const browser = await chromium.launch({ ...(chromiumPath && { executablePath: chromiumPath }), args: chromiumArgs })
const results = []
try {
  for (const storage of storages) {
    for (const kit of kits) {
      console.log(`tabs bench: ${kit}, ${storage} storage…`)
      results.push(await runScenario(browser, kit, storage))
    }
  }
} finally {
  await browser.close()
  await Promise.allSettled([...servers.map((server) => server.close()), api.close(), idp.close(), rm(outDir, { recursive: true, force: true })])
}

const table = toMarkdown(results)
await mkdir(join(root, 'bench/results'), { recursive: true })
await writeFile(join(root, 'bench/results/tabs.md'), table)
console.log(`\n${table}\nWritten to bench/results/tabs.md`)
