#!/usr/bin/env node
// The consumer smoke test: packs every published package, installs the tarballs into a fresh Vite +
// React app made here (from consumer/app), then type-checks it, runs its component test, builds it,
// and signs in with Playwright against the mock IdP, by redirect and by popup. It catches what the workspace's own
// tests cannot: files missing from a tarball, exports maps that do not resolve, test helpers shipped,
// dependencies declared in the wrong place.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const report = join(root, 'consumer/test-results/e2e.json')
const componentReport = join(root, 'consumer/test-results/vitest.json')
const published = ['@latchkey/core', '@latchkey/react', '@latchkey/testing', '@latchkey/mock-idp']
// The app's other dependencies at the versions the workspace has, so npm finds them in its cache.
const fromWorkspace = {
  dependencies: ['react', 'react-dom', 'react-router'],
  devDependencies: [
    'vite',
    '@vitejs/plugin-react',
    'typescript',
    '@playwright/test',
    '@types/react',
    '@types/react-dom',
    '@types/node',
    'vitest',
    'jsdom',
    '@testing-library/react',
  ],
}

function run(command, args, cwd, extraEnv = {}) {
  console.log(`\n[consumer] $ ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, ...extraEnv } })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}`)
}

const versionOf = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version

rmSync(report, { force: true })
rmSync(componentReport, { force: true })
const dir = mkdtempSync(join(tmpdir(), 'latchkey-consumer-'))
try {
  const tarballs = join(dir, 'tarballs')
  mkdirSync(tarballs)
  const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', tarballs, ...published.flatMap((name) => ['-w', name])], {
    cwd: root,
    encoding: 'utf8',
  })
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`)
  const files = Object.fromEntries(JSON.parse(packed.stdout).map((entry) => [entry.name, `file:${join(tarballs, entry.filename)}`]))

  const app = join(dir, 'app')
  cpSync(join(root, 'consumer/app'), app, { recursive: true })
  const manifest = {
    name: 'latchkey-consumer-smoke',
    private: true,
    type: 'module',
    dependencies: { ...files, ...Object.fromEntries(fromWorkspace.dependencies.map((name) => [name, versionOf(name)])) },
    devDependencies: Object.fromEntries(fromWorkspace.devDependencies.map((name) => [name, versionOf(name)])),
    // The packages name each other by version; the tarballs are those versions.
    overrides: files,
  }
  writeFileSync(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app)
  run('npx', ['tsc', '-p', '.'], app)
  run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${componentReport}`], app)
  run('npx', ['vite', 'build'], app)
  run('npx', ['playwright', 'test'], app, { SMOKE_REPORT: report, CI: '1' })
} finally {
  rmSync(dir, { recursive: true, force: true })
}
