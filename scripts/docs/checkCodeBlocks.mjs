// Type-checks every ```ts and ```tsx block of the docs (the generated API reference aside) against
// the workspace packages: each block becomes a module of a temporary project that resolves
// @latchkey/* from source, and one tsc run checks them all. A block that is partial on purpose is
// marked on the line above with <!-- typecheck: skip (why) --> and counted as skipped. Line counts
// that a page states for its blocks are checked too.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fencedBlocks, markdownFiles, read, repoRoot, shortPath } from './markdown.mjs'
import { spawnAsync } from './spawnAsync.mjs'

const workDir = join(repoRoot, 'test-results/docs-blocks')

export async function checkCodeBlocks(docsRoot) {
  rmSync(workDir, { recursive: true, force: true })
  mkdirSync(workDir, { recursive: true })
  const sources = new Map()
  let skipped = 0
  const countFailures = []
  let counted = 0
  for (const file of markdownFiles(docsRoot, { withApi: false })) {
    const counts = checkStatedCounts(file)
    counted += counts.checked
    countFailures.push(...counts.failures)
    for (const block of fencedBlocks(read(file))) {
      if (block.lang !== 'ts' && block.lang !== 'tsx') continue
      if (block.skip) {
        skipped += 1
        continue
      }
      const name = `${relative(docsRoot, file).replace(/\.md$/, '').replace(/[^\w]+/g, '_')}_L${block.line}.${block.lang}`
      // `export {}` keeps each block a module of its own, so two blocks may declare the same names.
      writeFileSync(join(workDir, name), `${block.text}\nexport {}\n`)
      sources.set(name, { file, line: block.line })
    }
  }
  const unit = `code blocks, ${counted} stated line counts`
  if (sources.size === 0) return { checked: 0, unit, skipped, failures: countFailures }
  writeFileSync(
    join(workDir, 'tsconfig.json'),
    JSON.stringify(
      {
        extends: relative(workDir, join(repoRoot, 'tsconfig.json')),
        compilerOptions: { noEmit: true, types: ['node'], lib: ['ES2023', 'DOM', 'DOM.Iterable'] },
        files: [...sources.keys()],
      },
      null,
      2,
    ),
  )
  const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc')
  const [result, site] = await Promise.all([
    spawnAsync(process.execPath, [tsc, '-p', workDir, '--pretty', 'false'], { cwd: workDir }),
    // The site's own config and theme are TypeScript as well, which VitePress compiles without checking.
    spawnAsync(process.execPath, [tsc, '-p', join(docsRoot, '.vitepress'), '--pretty', 'false'], { cwd: repoRoot }),
  ])
  const failures = site.status === 0 ? [] : `${site.stdout}${site.stderr}`.split('\n').filter((line) => line.trim()).map((line) => `docs/.vitepress: ${line.trim()}`)
  for (const line of `${result.stdout}${result.stderr}`.split('\n')) {
    const match = /^(.+?)\((\d+),(\d+)\): (error .*)$/.exec(line.trim())
    if (!match) {
      if (line.trim() && result.status !== 0 && !/^\s/.test(line)) failures.push(line.trim())
      continue
    }
    const [, path, row, column, message] = match
    const source = sources.get(path.replace(/^.*[\\/]/, ''))
    // An error inside a package means a block made tsc look there; name the file as tsc did.
    failures.push(source ? `${shortPath(source.file)}:${source.line + Number(row)}:${column}: ${message}` : `${path}(${row},${column}): ${message}`)
  }
  if (result.status !== 0 && failures.length === 0) failures.push(`tsc exited with ${result.status}`)
  return { checked: sources.size, unit, skipped, failures: [...countFailures, ...failures] }
}

/**
 * A page that says how long its code is stays true: a block introduced by a line ending in
 * "(N lines):" has N lines, and "**N lines in M files**" is their sum over M blocks.
 */
function checkStatedCounts(file) {
  const text = read(file)
  const lines = text.split('\n')
  const failures = []
  let checked = 0
  let sum = 0
  let files = 0
  for (const block of fencedBlocks(text)) {
    let above = block.line - 2
    while (above >= 0 && lines[above].trim() === '') above -= 1
    const stated = above >= 0 ? /\((\d+) lines?\):\s*$/.exec(lines[above]) : null
    if (!stated) continue
    checked += 1
    const actual = block.text.split('\n').length
    sum += actual
    files += 1
    if (actual !== Number(stated[1])) failures.push(`${shortPath(file)}:${block.line}: the text says ${stated[1]} lines, the block has ${actual}`)
  }
  const total = /\*\*(\d+) lines in (\d+) files\*\*/.exec(text)
  if (total) {
    checked += 1
    if (Number(total[1]) !== sum || Number(total[2]) !== files) {
      failures.push(`${shortPath(file)}: the text says ${total[1]} lines in ${total[2]} files, the blocks it counts have ${sum} in ${files}`)
    }
  }
  return { checked, failures }
}
