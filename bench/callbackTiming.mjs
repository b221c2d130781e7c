#!/usr/bin/env node
// How long a user waits on the way back from the IdP: from the request for the callback URL (the
// IdP's redirect to <app>/callback?code=…) to the app showing the user signed in, in headless
// Chromium, for latchkey and react-oidc-context in the same run (bench/apps/, served by vite preview,
// the mock IdP in this process). Each run is a fresh browser context: the app sends the user to the
// IdP, the user signs in there, and the IdP redirects back. In the callback document, an observer
// installed before any script notes performance.now() when the session line first reads "Signed in
// as …"; the figure is that minus the navigation entry's fetchStart, when the browser started fetching
// the callback URL (its timeOrigin is earlier: the login form's POST, before the IdP's redirects).
// Runs alternate the kits' order; one warm-up run per kit is not counted.
// A benchmark, not a test: it reports and asserts nothing. Run with `npm run bench`, or alone with
// `node bench/callbackTiming.mjs [--runs 15]`; the figures go to bench/results/callback-timing.json.
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { kits, signInAtIdp, startKitApps, waitUntilSignedIn } from './apps/startKitApps.mjs'
import { launchChromium } from './launchChromium.mjs'
import { writeResult } from './writeResult.mjs'

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '15' } } })
const runs = Number(options.runs)
const warmUps = 1
const signInTimeoutMs = 15_000

// Runs in every document before its scripts. Only the callback document's figures are kept.
const observeSignIn = () => {
  const timing = { url: location.href, signedInAt: null }
  window.__callbackTiming = timing
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid="session"]')?.textContent?.startsWith('Signed in as ')) {
      timing.signedInAt = performance.now()
      observer.disconnect()
    }
  })
  observer.observe(document, { subtree: true, childList: true, characterData: true })
}

/** One sign-in in a fresh context; the callback document's timings, relative to its fetchStart, in ms. */
async function measureOnce(browser, origin) {
  const context = await browser.newContext()
  context.setDefaultTimeout(signInTimeoutMs)
  try {
    await context.addInitScript(observeSignIn)
    const page = await context.newPage()
    await page.goto(`${origin}/`) // the app sends the user to the IdP's login page
    await signInAtIdp(page)
    if (!(await waitUntilSignedIn(page, signInTimeoutMs))) return { error: 'did not show the user signed in' }
    const { url, signedInAt, navigation } = await page.evaluate(() => ({
      ...window.__callbackTiming,
      navigation: performance.getEntriesByType('navigation')[0].toJSON(),
    }))
    if (new URL(url).pathname !== '/callback') return { error: `signed in on ${url}, not in the callback document` }
    const since = (time) => Math.round((time - navigation.fetchStart) * 10) / 10
    return { signedIn: since(signedInAt), domContentLoaded: since(navigation.domContentLoadedEventEnd) }
  } catch (error) {
    return { error: String(error?.message ?? error).split('\n')[0] }
  } finally {
    await context.close()
  }
}

function summarise(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  return { median, min: sorted[0], max: sorted[sorted.length - 1] }
}

const { origins, close } = await startKitApps()
// Timings depend on what else the machine is doing: its size and load go with them.
const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadAverageAtStart: Number(loadavg()[0].toFixed(2)) }
const browser = await launchChromium()
const chromiumVersion = browser.version()
const samples = Object.fromEntries(kits.map((kit) => [kit, []]))
try {
  for (let run = 0; run < warmUps + runs; run += 1) {
    const order = run % 2 ? [...kits].reverse() : kits
    for (const kit of order) {
      const sample = await measureOnce(browser, origins[kit])
      if (run >= warmUps) samples[kit].push(sample)
    }
  }
} finally {
  await browser.close()
  await close()
}

const results = kits.map((kit) => {
  const done = samples[kit].filter((sample) => sample.error === undefined)
  return {
    kit,
    runs: done.length,
    failed: samples[kit].length - done.length,
    errors: samples[kit].flatMap((sample) => (sample.error === undefined ? [] : [sample.error])),
    signedInMs: done.length ? summarise(done.map((sample) => sample.signedIn)) : null,
    domContentLoadedMs: done.length ? summarise(done.map((sample) => sample.domContentLoaded)) : null,
    samples: done,
  }
})
const written = await writeResult('callback-timing', { chromium: chromiumVersion, machine, warmUps, runsPerKit: runs, results })

console.log(`Callback to signed in, Chromium ${chromiumVersion}, ms from fetchStart of the callback document (${runs} runs per kit after ${warmUps} warm-up):`)
for (const { kit, runs: done, failed, signedInMs, domContentLoadedMs } of results) {
  const figures = signedInMs ? `median ${signedInMs.median}, ${signedInMs.min}–${signedInMs.max} (DOMContentLoaded median ${domContentLoadedMs.median})` : 'no run signed in'
  console.log(`  ${kit.padEnd(20)}${figures}; ${done} runs${failed ? `, ${failed} failed` : ''}`)
}
console.log(`Written to ${written.join(', ')}`)
