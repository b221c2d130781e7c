// Renders every ```mermaid block in Chromium with the mermaid the site bundles: a diagram that does
// not parse or render fails, as it would show an error box on the site.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { findChromium } from '../findChromium.mjs'
import { fencedBlocks, markdownFiles, read, shortPath } from './markdown.mjs'

const require = createRequire(import.meta.url)

export async function checkMermaid(docsRoot) {
  const diagrams = []
  for (const file of markdownFiles(docsRoot)) {
    for (const block of fencedBlocks(read(file))) {
      if (block.lang === 'mermaid') diagrams.push({ where: `${shortPath(file)}:${block.line}`, text: block.text })
    }
  }
  if (diagrams.length === 0) return { checked: 0, unit: 'diagrams', failures: [] }

  const { chromium } = require('playwright-core')
  const executablePath = findChromium()
  if (executablePath === undefined) throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE=${process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE} does not exist.`)
  const browser = await chromium.launch({
    ...(executablePath && { executablePath }),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const failures = []
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
