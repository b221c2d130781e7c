#!/usr/bin/env node
// Why this exists: renewal across tabs is where SPA auth kits break. Five tabs of one browser share
// one sign-in; the mock IdP rotates refresh tokens and revokes the whole grant when a used one comes
// back, so two tabs refreshing with the same token sign every tab out. This bench runs the same
// five-tab scenario for latchkey and react-oidc-context, with session and local storage, in one run:
// 5 s access tokens, each tab calling the demo API every second for 30 s, then the IdP's journal
// says how many sign-ins and refreshes it took and whether any refresh was refused.
// A benchmark, not a test: it prints numbers and asserts nothing. Run with `npm run bench`, or
// alone with `node bench/tabs/run.mjs`; the figures also go to bench/results/tabs.json and .md (not committed).
import { setTimeout as sleep } from 'node:timers/promises'
import { kits, signInAtIdp, startKitApps, waitUntilSignedIn } from '../apps/startKitApps.mjs'
import { launchChromium } from '../launchChromium.mjs'
import { formatTabs } from './formatTabs.mjs'
import { writeResult } from '../writeResult.mjs'

const tabCount = 5
const accessTokenTtl = 5
const scenarioMs = 30_000
const signInTimeoutMs = 15_000
const storages = ['session', 'local']

const { idp, origins, authorizationPath, close } = await startKitApps({ accessTokenTtl })

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
  await signInAtIdp(first)
  if (!(await waitUntilSignedIn(first, signInTimeoutMs))) throw new Error(`${kit} (${storage}): the first tab did not sign in`)
  const signedInAt = Date.now()
  const pages = [first]
  for (let opened = 1; opened < tabCount; opened += 1) {
    const page = await context.newPage()
    await page.goto(`${origin}/`)
    await waitUntilSignedIn(page, signInTimeoutMs)
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

const browser = await launchChromium()
const chromiumVersion = browser.version()
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
  await close()
}

const figures = { chromium: chromiumVersion, tabCount, accessTokenTtl, scenarioSeconds: scenarioMs / 1000, results }
const { title, lines } = formatTabs(figures)
const table = [`# ${title}`, '', ...lines, '', `Measured ${new Date().toISOString()}, Chromium ${chromiumVersion}.`, ''].join('\n')
const written = await writeResult('tabs', figures, table)
console.log(`\n${table}\nWritten to ${written.join(', ')}`)
