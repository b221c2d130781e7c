#!/usr/bin/env node
// The size budget in CI: measures the bench's fixtures (bench/size.mjs, Vite and esbuild) and fails
// when an app adds more bytes to React than bench/size-budget.json allows. Bytes are deterministic
// for a given lock file, so this is a budget and not a timing; the bench reports the rest.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const root = new URL('..', import.meta.url).pathname
const measured = spawnSync('node', ['bench/size.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
if (measured.status !== 0) {
  console.error('size budget: bench/size.mjs failed')
  process.exit(1)
}
const { budgets, goals } = JSON.parse(readFileSync(new URL('../bench/size-budget.json', import.meta.url), 'utf8'))
const { fixtures } = JSON.parse(readFileSync(new URL('../bench/results/size.json', import.meta.url), 'utf8'))
let over = 0
for (const [name, limits] of Object.entries(budgets)) {
  const fixture = fixtures.find((candidate) => candidate.name === name)
  if (!fixture) {
    console.error(`size budget: no fixture ${name} in bench/fixtures`)
    over += 1
    continue
  }
  for (const [bundler, limit] of Object.entries(limits)) {
    const bytes = fixture[bundler].overReact
    const goal = goals[name] === undefined ? '' : `, goal ${goals[name]} B`
    const verdict = bytes > limit ? 'OVER' : 'ok'
    if (bytes > limit) over += 1
    console.log(`size budget: ${name.padEnd(24)} ${bundler.padEnd(8)} ${String(bytes).padStart(6)} B over React, budget ${limit} B${goal}: ${verdict}`)
  }
}
if (over > 0) {
  console.error(`size budget: ${over} figure(s) over budget. Make the change smaller, or raise bench/size-budget.json and say why.`)
  process.exit(1)
}
