// @vitest-environment node
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const entry = fileURLToPath(new URL('./index.ts', import.meta.url))

/** The core as an app's bundler builds it for `NODE_ENV`. */
async function bundleFor(nodeEnv: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    packages: 'external',
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    logLevel: 'silent',
  })
  return result.outputFiles[0]?.text ?? ''
}

// A hang guard: two esbuild runs on a busy machine.
describe('messages in development and production builds', { timeout: 60_000 }, () => {
  it('explains how to fix a config error in development, and keeps a short message in production', async () => {
    const [development, production] = await Promise.all([bundleFor('development'), bundleFor('production')])
    const advice = 'Register the app as a public client'
    expect(development).toContain(advice)
    expect(production).not.toContain(advice)
    expect(production).toContain('latchkey config: ')
    expect(production.length).toBeLessThan(development.length)
  })
})
