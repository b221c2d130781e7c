// The browser benches' world: the mock IdP and the demo API in this process, and the same small app
// for each kit (bench/apps/<kit>/main.tsx, showing TabReport.tsx) built for production by Vite and
// served by vite preview on its own 127.0.0.1 origin, with /api/ proxied to the demo API.
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildDemoServices } from '../../scripts/buildDemoServices.mjs'


/** The kits compared, each an app in bench/apps/ and a client of its own at the IdP. */
export const kits = ['latchkey', 'react-oidc-context']

/** The mock IdP's user the benches sign in as. */
export const user = { username: 'alice', password: 'alice' }

/** A port free on 127.0.0.1 now: the apps' origins must be known before the IdP registers their redirect URIs. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts the IdP (`idpOptions` passed on, e.g. `accessTokenTtl`) and the API, and serves every kit's
 * app. Returns the IdP, each kit's origin (its redirect URI is `<origin>/callback`), the path of the
 * IdP's authorization endpoint, and `close()`, which stops all of it. Exits the process when the IdP
 * or the API does not build.
 */
export async function startKitApps(idpOptions = {}) {
  // The IdP and the API run in Node from their builds (as for `npm run demo`); the apps are bundled by Vite.
  const { createMockIdp, createDemoApi } = await buildDemoServices()
  const { build, defaultClientConditions, preview } = await import('vite')
  const { default: react } = await import('@vitejs/plugin-react')

  const origins = Object.fromEntries(await Promise.all(kits.map(async (kit) => [kit, `http://127.0.0.1:${await freePort()}`])))
  const idp = await createMockIdp({
    port: 0,
    ...idpOptions,
    // One client per kit, so neither kit's grants at the IdP can help or hinder the other.
    clients: kits.map((kit) => ({ clientId: kit, redirectUris: [`${origins[kit]}/callback`] })),
  })
  const api = await createDemoApi({ issuer: idp.issuer })
  const discovery = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()
  const outDir = await mkdtemp(join(tmpdir(), 'latchkey-bench-apps-'))

  async function serveApp(kit) {
    const appRoot = fileURLToPath(new URL(`./${kit}`, import.meta.url))
    const appOut = join(outDir, kit)
    await build({
      configFile: false,
      logLevel: 'warn',
      root: appRoot,
      plugins: [react()],
      define: { __BENCH_ISSUER__: JSON.stringify(idp.issuer) },
      // latchkey from its TypeScript source, like the size bench: no build of the packages needed.
      resolve: { conditions: ['@latchkey/source', ...defaultClientConditions] },
      build: { outDir: appOut, emptyOutDir: true },
    })
    const { port } = new URL(origins[kit])
    return preview({
      configFile: false,
      logLevel: 'warn',
      root: appRoot,
      build: { outDir: appOut },
      preview: { host: '127.0.0.1', port: Number(port), strictPort: true, proxy: { '/api/': api.url } },
    })
  }

  const servers = await Promise.all(kits.map(serveApp))
  return {
    idp,
    origins,
    authorizationPath: new URL(discovery.authorization_endpoint).pathname,
    async close() {
      await Promise.allSettled([...servers.map((server) => server.close()), api.close(), idp.close(), rm(outDir, { recursive: true, force: true })])
    },
  }
}

/** What the user does on the IdP's login page. */
export async function signInAtIdp(page) {
  await page.getByLabel('Username').fill(user.username)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** Whether the app came to show itself signed in within `timeoutMs` (a new tab may first go to the IdP and back). */
export async function waitUntilSignedIn(page, timeoutMs) {
  try {
    await page.getByTestId('session').getByText(/^Signed in as /).waitFor({ timeout: timeoutMs })
    return true
  } catch {
    return false
  }
}
