// Every relative link and anchor in the docs reaches something: a page (with or without `.md`, or a
// folder's index.md), a file in the repository, and a heading or an `<a id>` of the page it names.
import { existsSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { anchorsOf, markdownFiles, read, shortPath, withoutFences } from './markdown.mjs'

/** The page a link resolves to, or null: `path` may name a page without its `.md`, or a folder. */
function pageFor(path) {
  const candidates = [path, `${path}.md`, join(path, 'index.md')]
  for (const candidate of candidates) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return null
}

function linksOf(text) {
  const body = withoutFences(text).replace(/`[^`\n]*`/g, '')
  const links = []
  for (const match of body.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push(match[1])
  for (const match of body.matchAll(/<a\s[^>]*href="([^"]+)"/g)) links.push(match[1])
  return links
}

export function checkLinks(docsRoot) {
  const failures = []
  const anchors = new Map()
  const anchorsIn = (page) => {
    if (!anchors.has(page)) anchors.set(page, anchorsOf(read(page)))
    return anchors.get(page)
  }
  let checked = 0
  for (const file of markdownFiles(docsRoot)) {
    for (const link of linksOf(read(file))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue // https:, mailto: …: not ours to check
      checked += 1
      const [path, anchor] = link.split('#', 2)
      const target = path === '' ? file : path.startsWith('/') ? pageFor(join(docsRoot, decodeURI(path))) : pageFor(resolve(dirname(file), decodeURI(path)))
      if (!target) {
        failures.push(`${shortPath(file)}: broken link ${link}`)
        continue
      }
      if (anchor && target.endsWith('.md') && !anchorsIn(target).has(decodeURIComponent(anchor))) {
        failures.push(`${shortPath(file)}: ${link}: no heading or anchor "#${anchor}" in ${shortPath(target)}`)
      }
    }
  }
  return { checked, unit: 'internal links', failures }
}
