// What users notice at run time, latchkey against react-oidc-context in the same run, on a real
// OpenID Provider (bench/mockIdp.ts): how many components re-render when the token is renewed, and
// how many requests go to the IdP on a page load, a renewal and a sign-in callback.
// A benchmark, not a test: it prints numbers and asserts nothing (it only stops when a library does
// not reach a signed-in state, as then there is nothing to measure). Run with `npm run bench`; the
// figures also go to bench/results/runtime.json, which bench/writeBenchmarks.mjs reads.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { version as reactVersion, type ComponentType, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { inject, test } from 'vitest'
import { CookieJar, followAuthorization, type JournalEntry } from '@latchkey/mock-idp'
import { AuthProvider as LatchkeyProvider, createAuthClient, useAuth as useLatchkeyAuth } from '@latchkey/react'
import { AuthProvider as PeerProvider, useAuth as usePeerAuth, type AuthContextProps } from 'react-oidc-context'
// react-oidc-context's own engine (the one copy in node_modules, shared with latchkey's core): its
// UserManager is what <AuthProvider> builds, used here only to start a sign-in without a browser.
import { UserManager, type INavigator } from 'oidc-client-ts'

const issuer = inject('benchIssuer')
const redirectUri = 'http://127.0.0.1:5173/callback'
// Both libraries ask for the same scopes; offline_access gets both a refresh token.
const scope = 'openid profile email offline_access orders:read'
const statusReaders = 20
// Long enough for late requests and renders (a second dispatch, a scheduled render) to show up.
const settleMs = 300

// ---- IdP requests: a fetch that counts and passes through ----------------------------------------
// Both libraries reach the IdP only through oidc-client-ts's fetch calls, which read globalThis.fetch
// at call time. The IdP's own journal is read after each window as a cross-check (it would also see
// requests that bypass fetch).
const passThrough = globalThis.fetch
let requests: string[] | null = null
globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input))
  if (requests && url.origin === issuer) {
    requests.push(`${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${url.pathname}`)
  }
  return passThrough(input, init)
}
const journalMismatches: string[] = []

async function countRequests(label: string, action: () => Promise<void>): Promise<string[]> {
  await fetch(`${issuer}/__mock/journal`, { method: 'DELETE' })
  requests = []
  await action()
  await sleep(settleMs)
  const seen = requests
  requests = null
  const { entries } = (await (await fetch(`${issuer}/__mock/journal`)).json()) as { entries: JournalEntry[] }
  if (entries.length !== seen.length) {
    journalMismatches.push(`${label}: fetch saw ${seen.length}, the IdP's journal ${entries.length} (${entries.map((e) => `${e.method} ${e.path}`).join(', ')})`)
  }
  return seen
}

// ---- Renders: counted in each component's body (StrictMode off, so one call per render) ----------
const renders = { status: 0, name: 0 }

function LatchkeyStatus() {
  const signedIn = useLatchkeyAuth((s) => s.status === 'authenticated')
  renders.status += 1
  return <i>{signedIn ? 'signed in' : 'signed out'}</i>
}
function LatchkeyName() {
  const name = useLatchkeyAuth((s) => s.user?.profile.name)
  renders.name += 1
  return <b>{name}</b>
}
function PeerStatus() {
  const signedIn = usePeerAuth().isAuthenticated
  renders.status += 1
  return <i>{signedIn ? 'signed in' : 'signed out'}</i>
}
function PeerName() {
  const name = usePeerAuth().user?.profile.name
  renders.name += 1
  return <b>{name}</b>
}

/** The same app for both: 20 components that read the sign-in status, 1 that reads the name. */
function Components({ Status, Name }: { Status: ComponentType; Name: ComponentType }) {
  return (
    <>
      {Array.from({ length: statusReaders }, (_, index) => (
        <Status key={index} />
      ))}
      <Name />
    </>
  )
}

// ---- One driver per library ----------------------------------------------------------------------
interface Page {
  /** A renewal the app asks for: latchkey `client.renew()`, react-oidc-context `auth.signinSilent()`. */
  renew(): Promise<void>
  /** The renewal each library runs by itself ahead of expiry (its timer path), called directly. */
  renewInBackground(): Promise<void>
  close(): void
}
interface Driver {
  /** Starts a sign-in the library's way and returns the authorization URL it would navigate to. */
  authorizationUrl(): Promise<string>
  /** One page load of the app on the current URL, resolved once the library shows the user signed in. */
  load(): Promise<Page>
}

function mount(app: ReactNode) {
  const container = document.body.appendChild(document.createElement('div'))
  const root = createRoot(container)
  // Not in act(): act() would flush all updates of a renewal as one batch, hiding renders that a
  // browser does; here React schedules renders itself, as it does in a page.
  root.render(app)
  return () => {
    root.unmount()
    container.remove()
  }
}

const latchkeyConfig = { authority: issuer, clientId: 'latchkey', scope }
const latchkey: Driver = {
  async authorizationUrl() {
    let url = ''
    const client = createAuthClient({ ...latchkeyConfig, navigate: (to) => (url = to) })
    await client.start()
    await client.login({ returnTo: '/' })
    client.dispose()
    return url
  },
  async load() {
    const client = createAuthClient(latchkeyConfig)
    const unmount = mount(
      <LatchkeyProvider client={client}>
        <Components Status={LatchkeyStatus} Name={LatchkeyName} />
      </LatchkeyProvider>,
    )
    await client.start() // the provider starts it too; start() is idempotent
    await until(() => client.getState().status === 'authenticated' && client.getState().pending === null, 'latchkey signed in')
    return {
      renew: () => client.renew(),
      // latchkey's timer runs the same shared renewal that renew() awaits once start() has settled.
      renewInBackground: () => client.renew(),
      close() {
        unmount()
        client.dispose()
      },
    }
  },
}

// Settings as an app passes them to react-oidc-context's <AuthProvider>; everything else default.
const peerSettings = { authority: issuer, client_id: 'react-oidc-context', redirect_uri: redirectUri, scope }
const peer: Driver = {
  async authorizationUrl() {
    let url = ''
    // What signinRedirect() does, with a navigator that keeps the URL instead of leaving the page.
    const capture: INavigator = {
      prepare: async () => ({
        navigate: async (params) => {
          url = params.url
          return { url: params.url }
        },
        close: () => undefined,
      }),
      callback: async () => undefined,
    }
    const manager = new UserManager(peerSettings, capture)
    await manager.signinRedirect()
    manager.stopSilentRenew()
    return url
  },
  async load() {
    // What <AuthProvider {...peerSettings}> builds itself, passed in (its documented userManager prop)
    // only so the benchmark can run the background renewal path below.
    const manager = new UserManager(peerSettings)
    let auth: AuthContextProps | undefined
    function Capture() {
      auth = usePeerAuth() // not counted: only reaches the latest context value for signinSilent()
      return null
    }
    const unmount = mount(
      // react-oidc-context's README way to clean the URL after the callback.
      <PeerProvider userManager={manager} onSigninCallback={() => window.history.replaceState({}, document.title, window.location.pathname)}>
        <Components Status={PeerStatus} Name={PeerName} />
        <Capture />
      </PeerProvider>,
    )
    await until(() => auth?.isAuthenticated === true && !auth.isLoading, 'react-oidc-context signed in')
    return {
      async renew() {
        // react-oidc-context resolves null instead of rejecting; a failed renewal would skew the counts.
        if (!(await auth?.signinSilent())) throw new Error(`react-oidc-context: signinSilent failed: ${auth?.error?.message}`)
      },
      // automaticSilentRenew (on by default) calls userManager.signinSilent() on accessTokenExpiring,
      // outside the context's wrapper, so only the USER_LOADED dispatch reaches the components.
      async renewInBackground() {
        await manager.signinSilent()
      },
      close() {
        auth?.stopSilentRenew()
        unmount()
      },
    }
  },
}

interface Renders {
  status: number
  name: number
}
interface Result {
  callback: string[]
  restore: string[]
  renewal: string[]
  laterRenewal: string[]
  renders: Renders
  backgroundRenders: Renders
}

/** Sign in at the IdP, land on the callback, reload with the stored session, renew once. */
async function measure(name: string, driver: Driver): Promise<Result> {
  window.sessionStorage.clear()
  window.localStorage.clear()
  window.history.replaceState(null, '', '/')

  // The user at the IdP (not measured): a fresh browser, alice signs in.
  const walk = await followAuthorization(await driver.authorizationUrl(), { redirectUri, jar: new CookieJar() })
  if (!walk.callbackUrl) throw new Error(`${name}: the IdP did not send the user back: ${walk.page?.html ?? walk.error}`)
  window.history.replaceState(null, '', walk.callbackUrl.href)

  // (c) The page load on the callback URL: code → session.
  let page: Page | undefined
  const callback = await countRequests(`${name} callback`, async () => {
    page = await driver.load()
  })
  page?.close()

  // (a) A reload of the app with the session both keep in sessionStorage by default.
  window.history.replaceState(null, '', '/')
  const restore = await countRequests(`${name} restore`, async () => {
    page = await driver.load()
  })

  // (b) One renewal on that page, by refresh token, as the app asks for it; renders counted from here.
  const counted = async (label: string, renewal: () => Promise<void>) => {
    renders.status = 0
    renders.name = 0
    const sent = await countRequests(`${name} ${label}`, renewal)
    return { sent, renders: { ...renders } }
  }
  const first = await counted('renewal', () => page?.renew() ?? Promise.resolve())
  // Extra: a later renewal by the library's own timer path (discovery is cached by now).
  const later = await counted('background renewal', () => page?.renewInBackground() ?? Promise.resolve())
  page?.close()
  return { callback, restore, renewal: first.sent, laterRenewal: later.sent, renders: first.renders, backgroundRenders: later.renders }
}

test('latchkey vs react-oidc-context at run time', async () => {
  const ours = await measure('latchkey', latchkey)
  const theirs = await measure('react-oidc-context', peer)

  const rows: [string, number, number][] = [
    [`renders on one renewal: ${statusReaders} status readers`, ours.renders.status, theirs.renders.status],
    ['renders on one renewal: 1 name reader', ours.renders.name, theirs.renders.name],
    [`  same, background renewal: ${statusReaders} status readers`, ours.backgroundRenders.status, theirs.backgroundRenders.status],
    ['  same, background renewal: 1 name reader', ours.backgroundRenders.name, theirs.backgroundRenders.name],
    ['IdP requests: restore session on page load', ours.restore.length, theirs.restore.length],
    ['IdP requests: one renewal (first after load)', ours.renewal.length, theirs.renewal.length],
    ['  same, a later renewal', ours.laterRenewal.length, theirs.laterRenewal.length],
    ['IdP requests: sign-in callback', ours.callback.length, theirs.callback.length],
  ]
  const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? 'n/a (0/0)' : '∞') : (a / b).toFixed(2))
  const list = (paths: string[]) => (paths.length ? paths.join(', ') : 'none')
  const lines = [
    '',
    `Runtime: latchkey vs react-oidc-context (same run, jsdom, React ${reactVersion}, StrictMode off, mock IdP at ${issuer})`,
    `${'metric'.padEnd(50)}${'latchkey'.padStart(10)}${'react-oidc-context'.padStart(20)}${'latchkey/peer'.padStart(15)}`,
    ...rows.map(([label, a, b]) => `${label.padEnd(50)}${String(a).padStart(10)}${String(b).padStart(20)}${ratio(a, b).padStart(15)}`),
    '',
    `renders: renders of the ${statusReaders} components that read only "is the user authenticated" (summed), and of the 1`,
    '  that reads the name, caused by one renewal by refresh token (latchkey client.renew(), peer auth.signinSilent()).',
    '  background: the renewal each library runs itself before expiry (peer: automaticSilentRenew calls',
    '  userManager.signinSilent() directly, which skips the context wrapper\'s NAVIGATOR_INIT/CLOSE dispatches).',
    'restore: requests while a reload with a valid stored session becomes signed in.',
    `  latchkey: ${list(ours.restore)}; react-oidc-context: ${list(theirs.restore)}`,
    'renewal: requests of that renewal, on a freshly loaded page (discovery not yet cached); later: the next one.',
    `  latchkey: ${list(ours.renewal)}; react-oidc-context: ${list(theirs.renewal)}`,
    `  later: latchkey: ${list(ours.laterRenewal)}; react-oidc-context: ${list(theirs.laterRenewal)}`,
    'callback: requests while the page load on /callback?code=… becomes signed in (code → session).',
    `  latchkey: ${list(ours.callback)}; react-oidc-context: ${list(theirs.callback)}`,
    ...(journalMismatches.length ? ['', 'WARNING: the IdP saw other requests than fetch did:', ...journalMismatches] : []),
  ]
  console.log(lines.join('\n'))

  const both = <T,>(pick: (result: Result) => T) => ({ latchkey: pick(ours), 'react-oidc-context': pick(theirs) })
  const figures = {
    measuredAt: new Date().toISOString(),
    environment: 'jsdom',
    react: reactVersion,
    statusReaders,
    renders: { renewal: both((r) => r.renders), backgroundRenewal: both((r) => r.backgroundRenders) },
    requests: {
      callback: both((r) => r.callback),
      restore: both((r) => r.restore),
      renewal: both((r) => r.renewal),
      laterRenewal: both((r) => r.laterRenewal),
    },
    journalMismatches,
  }
  // import.meta.dirname, not new URL(…, import.meta.url): jsdom's URL class resolves against the page.
  const results = join(import.meta.dirname, 'results')
  await mkdir(results, { recursive: true })
  await writeFile(join(results, 'runtime.json'), `${JSON.stringify(figures, null, 2)}\n`)
  console.log('Written to bench/results/runtime.json')
})

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`)
    await sleep(5)
  }
}
