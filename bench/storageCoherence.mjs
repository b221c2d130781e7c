#!/usr/bin/env node
// Why this exists: @latchkey/core keeps the refresh-token lineage record (which rotated refresh token
// is current) in IndexedDB, not localStorage. Tabs take turns under a Web Lock; the tab granted the
// lock next must read what the previous holder wrote just before releasing it, or two tabs refresh
// with the same token and the IdP revokes the grant. This measures, in real Chromium, how often that
// read is stale for localStorage, IndexedDB and a BroadcastChannel hand-over.
//
// N tabs of one origin share a counter. Each critical section (navigator.locks.request) reads the
// counter, writes { n: n + 1, by: this section } and releases. Afterwards Node orders all sections by
// their grant time (the page is cross-origin isolated, so performance.now() has 5 µs resolution, and
// the lock keeps sections from overlapping, which is checked) and counts a read as stale when it did
// not see the write of the section just before it. Two browser set-ups: Chromium's default, where each
// tab gets its own renderer process (what users have), and --process-per-site, where all tabs share
// one renderer (a control: same-process localStorage is coherent by construction).
// A benchmark, not a test: it prints numbers and asserts nothing. Run alone with
// `node bench/storageCoherence.mjs [--runs 3] [--tabs 5] [--handoffs 200]`; the figures also go to
// bench/results/storage-coherence.json and .md (not committed).
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'
import { formatStorageCoherence } from './formatStorageCoherence.mjs'
import { launchChromium } from './launchChromium.mjs'
import { writeResult } from './writeResult.mjs'

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    tabs: { type: 'string', default: '5' },
    handoffs: { type: 'string', default: '200' },
  },
})
const runs = Number(options.runs)
const tabCount = Number(options.tabs)
const sectionCount = Number(options.handoffs)
const media = ['localStorage', 'IndexedDB', 'BroadcastChannel']
const setups = [
  { name: 'a renderer process per tab (default)', args: [] },
  { name: 'one renderer process for all tabs (--process-per-site, control)', args: ['--process-per-site'] },
]

// The page: `bench.run(medium, key, quota, startAt)` takes the lock `quota` times and returns what
// each critical section read and wrote. The medium is read as soon as the lock is granted and the
// lock is released as soon as the write is done (for IndexedDB: its transaction's `complete`).
const pageScript = () => {
  const tab = crypto.randomUUID().slice(0, 8)
  const now = () => performance.timeOrigin + performance.now()
  const request = (req) => new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
  const done = (tx) => new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = tx.onabort = () => reject(tx.error)
  })
  const opening = indexedDB.open('storage-coherence', 1)
  opening.onupgradeneeded = () => opening.result.createObjectStore('kv')
  const ready = request(opening)
  // The BroadcastChannel hand-over: the holder posts what it wrote; a tab reads the last value it received.
  const channels = new Map()
  const channel = (key) => {
    if (!channels.has(key)) {
      const entry = { last: null, port: new BroadcastChannel(key) }
      entry.port.onmessage = (event) => { entry.last = event.data }
      channels.set(key, entry)
    }
    return channels.get(key)
  }
  const mediaImpl = {
    localStorage: {
      read: async (key) => JSON.parse(localStorage.getItem(key) ?? 'null'),
      write: async (key, value) => localStorage.setItem(key, JSON.stringify(value)),
    },
    IndexedDB: {
      read: async (key) => {
        const db = await ready
        return (await request(db.transaction('kv', 'readonly').objectStore('kv').get(key))) ?? null
      },
      write: async (key, value) => {
        const db = await ready
        const tx = db.transaction('kv', 'readwrite')
        tx.objectStore('kv').put(value, key)
        await done(tx)
      },
    },
    BroadcastChannel: {
      read: async (key) => channel(key).last,
      write: async (key, value) => {
        const entry = channel(key)
        entry.last = value
        entry.port.postMessage(value)
      },
    },
  }
  window.bench = {
    tab,
    async prepare(medium, key) {
      await ready
      if (medium === 'BroadcastChannel') channel(key)
    },
    async run(medium, key, quota, startAt) {
      const { read, write } = mediaImpl[medium]
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())))
      const sections = []
      for (let k = 0; k < quota; k += 1) {
        await navigator.locks.request(`storage-coherence:${key}`, async () => {
          const granted = now()
          const seen = await read(key)
          const wrote = { n: (seen?.n ?? 0) + 1, by: `${tab}:${k}` }
          await write(key, wrote)
          sections.push({ tab, k, granted, released: now(), seen, wrote })
        })
      }
      return sections
    },
  }
}

const html = `<!doctype html><meta charset="utf-8"><title>storage coherence</title><script>(${pageScript})()</script>`
const server = createServer((req, res) => {
  // Cross-origin isolation: performance.now() at 5 µs rather than 100 µs, to order sections across tabs.
  res.writeHead(req.url === '/' ? 200 : 404, {
    'content-type': 'text/html; charset=utf-8',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cache-control': 'no-store',
  })
  res.end(req.url === '/' ? html : '')
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${server.address().port}/`

/** Orders the sections of one medium by grant time and counts the reads that missed the previous write. */
function analyse(sections) {
  const ordered = [...sections].sort((a, b) => a.granted - b.granted)
  let stale = 0
  let staleSameTab = 0
  let handoffs = 0
  let overlaps = 0
  const gaps = []
  ordered.forEach((section, index) => {
    const previous = ordered[index - 1]
    const expected = previous?.wrote.by ?? null
    if (previous !== undefined && section.tab !== previous.tab) {
      handoffs += 1
      gaps.push(section.granted - previous.released)
    }
    if (previous !== undefined && section.granted < previous.released) overlaps += 1
    if ((section.seen?.by ?? null) !== expected) {
      stale += 1
      if (previous?.tab === section.tab) staleSameTab += 1
    }
  })
  // Timing-free cross-check: a coherent run reads 0, 1, …, H-1 once each and ends at H.
  const finalValue = Math.max(...sections.map((section) => section.wrote.n))
  gaps.sort((a, b) => a - b)
  return { handoffs, stale, staleSameTab, overlaps, finalValue, medianHandoffUs: Math.round((gaps[gaps.length >> 1] ?? 0) * 1000) }
}

async function runSetup(setup) {
  const browser = await launchChromium(setup.args)
  try {
    const cdp = await browser.newBrowserCDPSession()
    const renderers = async () => (await cdp.send('SystemInfo.getProcessInfo')).processInfo.filter((p) => p.type === 'renderer').length
    const context = await browser.newContext()
    const open = async () => {
      const page = await context.newPage()
      await page.goto(url)
      return page
    }
    // Renderers with one tab open include Chromium's own (a spare renderer); what the other tabs add is
    // how many processes they did not share with the first.
    const first = await open()
    const withOne = await renderers()
    const pages = [first, ...(await Promise.all(Array.from({ length: tabCount - 1 }, open)))]
    const added = (await renderers()) - withOne
    const isolated = await first.evaluate(() => crossOriginIsolated)
    const results = []
    for (let run = 1; run <= runs; run += 1) {
      const row = {}
      for (const medium of media) {
        const key = `${medium}-${run}-${Date.now()}`
        await Promise.all(pages.map((page) => page.evaluate(([m, k]) => window.bench.prepare(m, k), [medium, key])))
        const startAt = Date.now() + 200
        const perTab = await Promise.all(pages.map((page, i) => {
          const quota = Math.floor(sectionCount / tabCount) + (i < sectionCount % tabCount ? 1 : 0)
          return page.evaluate(([m, k, q, s]) => window.bench.run(m, k, q, s), [medium, key, quota, startAt])
        }))
        row[medium] = analyse(perTab.flat())
      }
      results.push(row)
    }
    await context.close()
    return { ...setup, version: browser.version(), added, isolated, results }
  } finally {
    await browser.close()
  }
}

const started = Date.now()
const outcomes = []
try {
  for (const setup of setups) outcomes.push(await runSetup(setup))
} finally {
  server.close()
}
const seconds = ((Date.now() - started) / 1000).toFixed(1)

const figures = { chromium: outcomes[0]?.version, tabCount, sectionCount, runs, media, seconds: Number(seconds), setups: outcomes }
const { title, lines } = formatStorageCoherence(figures)
const table = [`# ${title}`, '', ...lines, '', `Chromium ${figures.chromium}, headless; total time ${seconds} s.`, ''].join('\n')
const written = await writeResult('storage-coherence', figures, table)
console.log(`\n${table}\nWritten to ${written.join(', ')}`)
