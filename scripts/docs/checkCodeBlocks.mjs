// Type-checks every ```ts and ```tsx block of the docs (the generated API reference aside) against
// the workspace packages: each block becomes a module of a temporary project that resolves
// @latchkey/* from source, and one tsc run checks them all. A block that is partial on purpose is
// marked on the line above with <!-- typecheck: skip (why) --> and counted as skipped.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fencedBlocks, markdownFiles, read, repoRoot, shortPath } from './markdown.mjs'

const workDir = join(repoRoot, 'test-results/docs-blocks')

export function checkCodeBlocks(docsRoot) {
  rmSync(workDir, { recursive: true, force: true })
  mkdirSync(workDir, { recursive: true })
  const sources = new Map()
  let skipped = 0
  for (const file of markdownFiles(docsRoot, { withApi: false })) {
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
  if (sources.size === 0) return { checked: 0, unit: 'code blocks', skipped, failures: [] }
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
  const result = spawnSync(process.execPath, [tsc, '-p', workDir, '--pretty', 'false'], { cwd: workDir, encoding: 'utf8' })
  const failures = []
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
  return { checked: sources.size, unit: 'code blocks', skipped, failures }
}
