// What the docs checks read from the Markdown: the pages, their fenced blocks and their headings.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

export const repoRoot = new URL('../../', import.meta.url).pathname
export const docsRoot = join(repoRoot, 'docs')

/** Every Markdown page under `dir`, skipping VitePress's own folder. */
export function markdownFiles(dir, { withApi = true } = {}) {
  const found = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name === '.vitepress' || entry.name === 'node_modules' || (!withApi && path === join(docsRoot, 'api'))) continue
      found.push(...markdownFiles(path, { withApi }))
    } else if (entry.name.endsWith('.md')) {
      found.push(path)
    }
  }
  return found.sort()
}

export function shortPath(path) {
  return relative(repoRoot, path)
}

/**
 * The fenced blocks of a page: language, text, the line the fence opens on, and whether the comment
 * line right above it says `<!-- typecheck: skip … -->`.
 */
export function fencedBlocks(text) {
  const lines = text.split('\n')
  const blocks = []
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)(.*)$/.exec(lines[i])
    if (!open) continue
    const [, indent, fence, lang] = open
    const body = []
    let j = i + 1
    while (j < lines.length && !(lines[j].trim().startsWith(fence) && lines[j].trim().replace(/[`~]/g, '') === '')) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j])
      j += 1
    }
    let k = i - 1
    while (k >= 0 && lines[k].trim() === '') k -= 1
    const skip = k >= 0 && /<!--\s*typecheck:\s*skip\b/.test(lines[k])
    blocks.push({ lang: lang.toLowerCase(), text: body.join('\n'), line: i + 1, skip })
    i = j
  }
  return blocks
}

/** The page's text with fenced blocks blanked out, so that nothing inside them reads as a link or heading. */
export function withoutFences(text) {
  const lines = text.split('\n')
  let fence = null
  return lines
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)
      if (fence) {
        if (marker && line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = null
        return ''
      }
      if (marker) {
        fence = marker[1]
        return ''
      }
      return line
    })
    .join('\n')
}

// VitePress's slugify (vitepress/dist/node, `slugify`), so anchors are checked as the site makes them.
const rControl = /[\u0000-\u001f]/g
const rSpecial = /[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'“”‘’<>,.?/]+/g
const rCombining = /[\u0300-\u036F]/g
export function slugify(text) {
  return text
    .normalize('NFKD')
    .replace(rCombining, '')
    .replace(rControl, '')
    .replace(rSpecial, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, '_$1')
    .toLowerCase()
}

/** The anchors a page offers: each heading's slug (repeats get -1, -2 …), `{#id}` and `<a id>`/`<a name>`. */
export function anchorsOf(text) {
  const anchors = new Set()
  const seen = new Map()
  for (const line of withoutFences(text).split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (heading) {
      const explicit = /\{#([\w-]+)\}\s*$/.exec(heading[1])
      if (explicit) {
        anchors.add(explicit[1])
        continue
      }
      // What the heading reads as: inline code, links and emphasis lose their markup.
      const plain = heading[1]
        .replace(/`([^`]*)`/g, '$1')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/<[^>]+>/g, '')
        .replace(/[*_]{1,2}([^*_]+)[*_]{1,2}/g, '$1')
        .replace(/\\(.)/g, '$1')
      const slug = slugify(plain)
      const count = seen.get(slug) ?? 0
      seen.set(slug, count + 1)
      anchors.add(count === 0 ? slug : `${slug}-${count}`)
    }
    for (const match of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1])
  }
  return anchors
}

export function read(path) {
  return readFileSync(path, 'utf8')
}
