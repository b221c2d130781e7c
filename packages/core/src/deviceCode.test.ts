import { followAuthorization } from '@latchkey/mock-idp'
import { describe, expect, it, vi } from 'vitest'
import type { AuthClientConfig } from './AuthClientConfig.js'
import { isAuthError, type AuthError } from './AuthError.js'
import { deviceCode } from './deviceCode.js'
import { dpop } from './dpop.js'
import { flushPromises } from './test/flushPromises.js'
import { tabSyncWith } from './tabSync.js'
import { createBrowser, loadApp, stateWhere, testIdp } from './test/signInThroughIdp.js'

const deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code'

async function rejectionOf(promise: Promise<unknown>): Promise<AuthError> {
  const error: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  )
  if (!isAuthError(error)) throw new Error(`expected an AuthError, got ${String(error)}`)
  return error
}

describe('loginWithDeviceCode against the mock IdP', () => {
  const withDevice = () => loadApp({ features: [deviceCode()] })

  it('shows a code, and signs in once the user approves on another device; the session renews and signs out like any other', async () => {
    await testIdp.configure({ deviceCodeInterval: 1 })
    const { client } = withDevice()
    const device = await client.loginWithDeviceCode()
    expect(device.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/)
    expect(device.verificationUri).toBe(`${testIdp.issuer}/device`)
    expect(device.verificationUriComplete).toContain(`user_code=`)
    expect(device.interval).toBe(1)
    expect(client.getState().pending).toBe('login')

    const phone = await followAuthorization(device.verificationUriComplete ?? '', { username: 'alice' })
    expect(phone.page?.html).toContain('data-mock-idp="device-success"')
    await device.signedIn

    expect(client.getState()).toMatchObject({ status: 'authenticated', pending: null, error: null, user: { profile: { sub: 'alice' } } })
    const token = await client.getAccessToken()
    await client.renew()
    expect(await client.getAccessToken()).not.toBe(token)
    expect(await testIdp.tokenRequests('refresh_token')).toBe(1)
    await client.logout({ mode: 'local' })
    expect(client.getState().status).toBe('anonymous')
  })

  it('stores the session as a redirect sign-in does: the next page load is signed in', async () => {
    await testIdp.configure({ deviceCodeInterval: 1 })
    const device = await withDevice().client.loginWithDeviceCode()
    await followAuthorization(device.verificationUriComplete ?? '', { username: 'alice' })
    await device.signedIn
    const reloaded = withDevice().client
    await reloaded.start()
    expect(reloaded.getState().user?.profile.sub).toBe('alice')
  })

  it('rejects signedIn with access_denied when the user cancels on the phone, and keeps the error in state', async () => {
    await testIdp.configure({ deviceCodeInterval: 1 })
    const { client } = withDevice()
    const device = await client.loginWithDeviceCode()
    await followAuthorization(device.verificationUriComplete ?? '', { consent: 'deny' })
    expect((await rejectionOf(device.signedIn)).code).toBe('access_denied')
    expect(client.getState()).toMatchObject({ status: 'anonymous', pending: null, error: { code: 'access_denied' } })
  })

  it('signs in the other open tabs, and a sign-out in one of them signs this one out', async () => {
    await testIdp.configure({ deviceCodeInterval: 1 })
    const browser = createBrowser()
    const sharedTabs = tabSyncWith(() => ({ ...browser, createChannel: (name) => new BroadcastChannel(name) }))
    // 'memory' with shareSession keeps a session per tab, as sessionStorage does in a browser; jsdom has one sessionStorage for all.
    const tab = () => loadApp({ features: [deviceCode(), sharedTabs], storage: 'memory', shareSession: true }).client
    const other = tab()
    await other.start()
    const screen = tab()
    const device = await screen.loginWithDeviceCode()
    await followAuthorization(device.verificationUriComplete ?? '', { username: 'alice' })
    await device.signedIn
    await stateWhere(other, (state) => state.status === 'authenticated')
    expect(other.getState().user?.profile.sub).toBe('alice')
    await other.logout({ mode: 'local' })
    await stateWhere(screen, (state) => state.status === 'anonymous')
  })

  it('asks the IdP for the configured scopes and the ones the call adds', async () => {
    const realFetch = globalThis.fetch
    const bodies: string[] = []
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const request = new Request(input, init)
      if (request.url.endsWith('/device/auth')) bodies.push(await request.clone().text())
      return realFetch(request)
    })
    const device = await withDevice().client.loginWithDeviceCode({ scope: 'orders:write' })
    device.cancel()
    expect(new URLSearchParams(bodies[0]).get('scope')).toBe('openid profile email offline_access orders:read orders:write')
    expect(new URLSearchParams(bodies[0]).get('client_id')).toBe('spa')
  })

  it('with dpop(), binds the tokens to the key with a proof on each poll, nonce retry included, and renews with it', async () => {
    await testIdp.configure({ deviceCodeInterval: 1, requireDpopNonce: true })
    // Node's Web Crypto answers with an ArrayBuffer of Node's realm, which oauth4webapi's instanceof
    // check does not recognise under jsdom; in a browser there is one realm. Copy it into this one.
    const sign = crypto.subtle.sign.bind(crypto.subtle)
    vi.spyOn(crypto.subtle, 'sign').mockImplementation(async (...args) => Uint8Array.from(new Uint8Array(await sign(...args))).buffer)
    const { client } = loadApp({ features: [deviceCode(), dpop()] })
    const device = await client.loginWithDeviceCode()
    await followAuthorization(device.verificationUriComplete ?? '', { username: 'alice' })
    await device.signedIn
    const stored = Object.values({ ...window.sessionStorage }).map((value) => JSON.parse(value) as { tokenType?: string }).find((value) => value.tokenType)
    expect(stored?.tokenType).toBe('DPoP')
    const polls = (await testIdp.journal()).filter((entry) => entry.grantType === deviceGrant)
    expect(polls.every((entry) => entry.dpop === true)).toBe(true)
    expect(polls.map((entry) => entry.error)).toContain('use_dpop_nonce')
    expect(polls.at(-1)).toMatchObject({ status: 200 })
    await client.renew()
    expect((await testIdp.journal()).filter((entry) => entry.grantType === 'refresh_token').at(-1)).toMatchObject({ status: 200, dpop: true })
  })

  it('without the feature, rejects with config and says how to add it', async () => {
    const { client } = loadApp()
    const error = await rejectionOf(client.loginWithDeviceCode())
    expect(error.code).toBe('config')
    expect(error.message).toContain("import { deviceCode } from '@latchkey/core/device-code'")
  })
})

// The IdP's answers, stubbed, so each case is one answer and the clock is the test's.
const issuer = 'http://127.0.0.1:9999'
const metadata = {
  issuer,
  authorization_endpoint: `${issuer}/auth`,
  token_endpoint: `${issuer}/token`,
  device_authorization_endpoint: `${issuer}/device/auth`,
  jwks_uri: `${issuer}/jwks`,
}

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`
}

function idToken(overrides: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000)
  return jwt({ iss: issuer, aud: 'spa', sub: 'alice', name: 'Alice', iat: now, exp: now + 300, ...overrides })
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
const oauthError = (error: string) => json({ error }, 400)

/** A stub IdP: the device authorization answer, then `poll(n)` for the n-th token request. */
function stubIdp(poll: (attempt: number) => Response | Promise<Response>, authorization: Record<string, unknown> = {}) {
  const polls: number[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init)
    if (request.url === metadata.device_authorization_endpoint) {
      return json({ device_code: 'DEVICE', user_code: 'BCDF-GHJK', verification_uri: `${issuer}/device`, verification_uri_complete: `${issuer}/device?user_code=BCDF-GHJK`, expires_in: 600, interval: 5, ...authorization })
    }
    if (request.url === metadata.token_endpoint) {
      const body = new URLSearchParams(await request.text())
      expect(body.get('grant_type')).toBe(deviceGrant)
      expect(body.get('device_code')).toBe('DEVICE')
      polls.push(Date.now())
      return poll(polls.length)
    }
    throw new TypeError(`fetch failed: ${request.url} is not stubbed`)
  })
  return polls
}

const tokens = (overrides: Record<string, unknown> = {}) =>
  json({ access_token: 'at', token_type: 'Bearer', expires_in: 300, refresh_token: 'rt', id_token: idToken(), scope: 'openid profile', ...overrides })

function stubbedApp(config: Partial<AuthClientConfig> = {}) {
  return loadApp({ authority: issuer, metadata, features: [deviceCode()], ...config })
}

/** Starts the sign-in under a fake clock; the first poll comes after the interval. */
async function startDevice(config: Partial<AuthClientConfig> = {}) {
  vi.useFakeTimers()
  const { client } = stubbedApp(config)
  const device = await client.loginWithDeviceCode()
  return { client, device }
}

describe('loginWithDeviceCode polling', () => {
  it('polls every interval while the answer is authorization_pending, then signs in', async () => {
    const polls = stubIdp((attempt) => (attempt < 3 ? oauthError('authorization_pending') : tokens()))
    const { client, device } = await startDevice()
    expect(device).toMatchObject({ userCode: 'BCDF-GHJK', verificationUri: `${issuer}/device`, interval: 5 })
    await vi.advanceTimersByTimeAsync(4_999)
    expect(polls).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(polls).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(10_000)
    await device.signedIn
    expect(polls.map((at) => at - (polls[0] ?? 0))).toEqual([0, 5_000, 10_000])
    expect(client.getState()).toMatchObject({ status: 'authenticated', pending: null, user: { profile: { sub: 'alice', name: 'Alice' } } })
  })

  it('adds 5 s to the interval after each slow_down, as RFC 8628 §3.5 says', async () => {
    const polls = stubIdp((attempt) => (attempt <= 2 ? oauthError('slow_down') : oauthError('authorization_pending')))
    const { device } = await startDevice()
    await vi.advanceTimersByTimeAsync(5_000 + 10_000 + 15_000 + 15_000)
    expect(polls.slice(1).map((at, i) => at - (polls[i] ?? 0))).toEqual([10_000, 15_000, 15_000])
    expect(device.interval).toBe(15)
    device.cancel()
  })

  it('uses an interval of 5 s when the IdP sends none', async () => {
    stubIdp(() => oauthError('authorization_pending'), { interval: undefined })
    const { device } = await startDevice()
    expect(device.interval).toBe(5)
    device.cancel()
  })

  it('rejects with access_denied when the user refused, and stops polling', async () => {
    const polls = stubIdp(() => oauthError('access_denied'))
    const { client, device } = await startDevice()
    await vi.advanceTimersByTimeAsync(5_000)
    expect((await rejectionOf(device.signedIn)).code).toBe('access_denied')
    expect(client.getState()).toMatchObject({ status: 'anonymous', pending: null, error: { code: 'access_denied' } })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(polls).toHaveLength(1)
  })

  it('rejects with device_code_expired when the IdP answers expired_token', async () => {
    stubIdp(() => oauthError('expired_token'))
    const { client, device } = await startDevice()
    await vi.advanceTimersByTimeAsync(5_000)
    expect((await rejectionOf(device.signedIn)).code).toBe('device_code_expired')
    expect(client.getState().error?.code).toBe('device_code_expired')
  })

  it('rejects with device_code_expired once the code has expired, without waiting for the IdP to say so', async () => {
    const polls = stubIdp(() => oauthError('authorization_pending'), { expires_in: 12 })
    const { device } = await startDevice()
    expect(device.expiresAt).toBe(Date.now() + 12_000)
    await vi.advanceTimersByTimeAsync(12_000)
    expect((await rejectionOf(device.signedIn)).code).toBe('device_code_expired')
    expect(polls).toHaveLength(2)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('cancel() stops polling and rejects with cancelled, without an error in state', async () => {
    const polls = stubIdp(() => oauthError('authorization_pending'))
    const { client, device } = await startDevice()
    await vi.advanceTimersByTimeAsync(5_000)
    device.cancel()
    expect((await rejectionOf(device.signedIn)).code).toBe('cancelled')
    expect(client.getState()).toMatchObject({ pending: null, error: null })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(polls).toHaveLength(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('an aborted signal cancels as cancel() does', async () => {
    stubIdp(() => oauthError('authorization_pending'))
    vi.useFakeTimers()
    const controller = new AbortController()
    const device = await stubbedApp().client.loginWithDeviceCode({ signal: controller.signal })
    controller.abort()
    expect((await rejectionOf(device.signedIn)).code).toBe('cancelled')
    expect(vi.getTimerCount()).toBe(0)
  })

  it('dispose() stops polling', async () => {
    const polls = stubIdp(() => oauthError('authorization_pending'))
    const { client, device } = await startDevice()
    client.dispose()
    expect((await rejectionOf(device.signedIn)).code).toBe('cancelled')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(polls).toHaveLength(0)
  })

  it('backs off exponentially while the IdP cannot be reached, and keeps polling', async () => {
    const polls = stubIdp((attempt) => {
      if (attempt <= 2) throw new TypeError('fetch failed')
      return attempt === 3 ? oauthError('authorization_pending') : tokens()
    })
    const { device } = await startDevice()
    await vi.advanceTimersByTimeAsync(5_000 + 10_000 + 20_000 + 5_000)
    await device.signedIn
    expect(polls.slice(1).map((at, i) => at - (polls[i] ?? 0))).toEqual([10_000, 20_000, 5_000])
  })

  it('refuses an ID token for another client with invalid_token, and stores no session', async () => {
    stubIdp(() => tokens({ id_token: idToken({ aud: 'other-client' }) }))
    const { client, device } = await startDevice()
    await vi.advanceTimersByTimeAsync(5_000)
    expect((await rejectionOf(device.signedIn)).code).toBe('invalid_token')
    expect(client.getState().status).toBe('anonymous')
    expect(window.sessionStorage.length).toBe(0)
  })

  it('refuses an expired ID token with invalid_token', async () => {
    stubIdp(() => tokens({ id_token: idToken({ exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }) }))
    const { device } = await startDevice()
    await vi.advanceTimersByTimeAsync(5_000)
    expect((await rejectionOf(device.signedIn)).code).toBe('invalid_token')
  })

  it('rejects with config, saying how to fix it, when the IdP has no device authorization endpoint', async () => {
    stubIdp(() => tokens())
    const { device_authorization_endpoint: _left, ...withoutDevice } = metadata
    const { client } = stubbedApp({ metadata: withoutDevice })
    const error = await rejectionOf(client.loginWithDeviceCode())
    expect(error.code).toBe('config')
    expect(error.message).toContain('device_authorization_endpoint')
    expect(client.getState().error?.code).toBe('config')
  })

  it('a sign-out while polling is final: the approval that follows starts no session', async () => {
    let approve = false
    stubIdp(() => (approve ? tokens() : oauthError('authorization_pending')))
    const { client, device } = await startDevice()
    await client.logout({ mode: 'local' })
    approve = true
    await vi.advanceTimersByTimeAsync(10_000)
    expect((await rejectionOf(device.signedIn)).code).toBe('cancelled')
    await flushPromises()
    expect(client.getState().status).toBe('anonymous')
  })
})

