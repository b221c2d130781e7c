// Renders every ```mermaid block in Chromium with the mermaid file the site serves: a diagram that
// does not parse or render fails, as it would show an error box on the site. Each flow page must
// have a sequenceDiagram among Browser, App, latchkey, IdP and API, and link its spec section.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { findChromium } from '../findChromium.mjs'
import { docsRoot, fencedBlocks, markdownFiles, read, shortPath } from './markdown.mjs'

const require = createRequire(import.meta.url)

const parties = ['Browser', 'App', 'latchkey', 'IdP', 'API']

/**
 * A flow page links the RFC or spec section it follows, and its diagram is a sequenceDiagram among
 * the same five parties, so the pages read alike.
 */
function checkFlowPage(file, blocks) {
  const isFlow = file.startsWith(join(docsRoot, 'flows') + '/') && !file.endsWith('/index.md')
  if (!isFlow) return []
  const failures = []
  if (!/\]\(https:\/\/(www\.rfc-editor\.org\/rfc|openid\.net\/specs)\/[^)#]+#[^)]+\)/.test(read(file))) {
    failures.push(`${shortPath(file)}: no link to the RFC or spec section it follows (rfc-editor.org or openid.net, with #section)`)
  }
  const sequence = blocks.find((block) => block.lang === 'mermaid' && /^\s*sequenceDiagram\b/.test(block.text))
  if (!sequence) return [...failures, `${shortPath(file)}: a flow page needs a Mermaid sequenceDiagram`]
  const declared = [...sequence.text.matchAll(/^\s*(?:participant|actor)\s+\S+(?:\s+as\s+(.+))?$/gm)].map((match) => match[0])
  const missing = parties.filter((party) => !declared.some((line) => line.includes(party)))
  if (missing.length) failures.push(`${shortPath(file)}:${sequence.line}: the sequenceDiagram has no participant ${missing.join(', ')}`)
  return failures
}

export async function checkMermaid() {
  const diagrams = []
  const pageFailures = []
  for (const file of markdownFiles(docsRoot)) {
    const blocks = fencedBlocks(read(file))
    pageFailures.push(...checkFlowPage(file, blocks))
    for (const block of blocks) {
      if (block.lang === 'mermaid') diagrams.push({ where: `${shortPath(file)}:${block.line}`, text: block.text })
    }
  }
  if (diagrams.length === 0) return { checked: 0, unit: 'diagrams', failures: pageFailures }

  const { chromium } = require('playwright-core')
  const executablePath = findChromium()
  if (executablePath === undefined) throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE=${process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE} does not exist.`)
  const browser = await chromium.launch({
    ...(executablePath && { executablePath }),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const failures = [...pageFailures]
  try {
    const page = await browser.newPage()
    // No server: the page is set from a string and mermaid's own bundle is injected from node_modules.
    await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>')
    const mermaidDir = dirname(require.resolve('mermaid/package.json'))
    await page.addScriptTag({ path: join(mermaidDir, 'dist/mermaid.min.js') })
    await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }))
    let index = 0
    for (const diagram of diagrams) {
      index += 1
      const error = await page.evaluate(
        async ({ text, id }) => {
          try {
            const { svg } = await window.mermaid.render(id, text)
            if (!svg.includes('<svg')) return 'rendered no SVG'
            if (/Syntax error in text/.test(svg)) return 'rendered the syntax error diagram'
            return null
          } catch (err) {
            return String(err?.message ?? err).split('\n').slice(0, 4).join(' ')
          }
        },
        { text: diagram.text, id: `diagram${index}` },
      )
      if (error) failures.push(`${diagram.where}: ${error}`)
    }
  } finally {
    await browser.close()
  }
  return { checked: diagrams.length, unit: 'diagrams', failures }
}
