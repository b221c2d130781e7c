// The mock IdP and the demo API, built and loaded for a Node process that runs them (`npm run demo`,
// the browser benches). Both builds run side by side to keep start-up short.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } })
    child.on('error', () => resolve(1))
    child.on('exit', (code) => resolve(code ?? 1))
  })
}

/** `createMockIdp` and `createDemoApi`, from fresh builds; exits the process when a build fails. */
export async function buildDemoServices() {
  const builds = await Promise.all([
    run('npx', ['turbo', 'run', 'build', '--filter=@latchkey/mock-idp', '--output-logs=errors-only']),
    run('npx', ['tsc', '-p', 'apps/demo/tsconfig.server.json']),
  ])
  const failed = builds.find((code) => code !== 0)
  if (failed !== undefined) process.exit(failed)
  const { createMockIdp } = await import('@latchkey/mock-idp')
  const { createDemoApi } = await import('../apps/demo/dist-server/index.js')
  return { createMockIdp, createDemoApi }
}
