import { StrictMode } from 'react'
import { act, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup } from '@testing-library/react'
import { AuthError } from '@latchkey/core'
import { deviceCode } from '@latchkey/core/device-code'
import { getIdleTimer, idleTimeout } from '@latchkey/core/idle-timeout'
import { AuthProvider, LoginButton, RequireAuth, useAuth } from '@latchkey/react'
import { createTestAuthClient } from './createTestAuthClient.js'

afterEach(cleanup)

function Greeting() {
  const name = useAuth((state) => state.user?.profile.name)
  return <p>Hello, {name ?? 'stranger'}</p>
}

function renderWith(client: ReturnType<typeof createTestAuthClient>) {
  render(
    <StrictMode>
      <AuthProvider client={client}>
        <LoginButton />
        <RequireAuth fallback={<p>loading</p>} when={(user) => user.profile.roles?.includes('admin') ?? false} forbidden={<p>forbidden</p>}>
          <Greeting />
        </RequireAuth>
      </AuthProvider>
    </StrictMode>,
  )
}

describe('createTestAuthClient', () => {
  it('renders the chosen user with no network', () => {
    renderWith(createTestAuthClient({ user: { profile: { sub: 'ada', name: 'Ada', roles: ['admin'] } } }))
    expect(screen.getByText('Hello, Ada')).toBeTruthy()
  })

  it('lets a test check a role guard', () => {
    renderWith(createTestAuthClient({ user: { profile: { sub: 'alice', name: 'Alice', roles: ['user'] } } }))
    expect(screen.getByText('forbidden')).toBeTruthy()
  })

  it('records the automatic sign-in of an anonymous visitor and signs in as the chosen user', async () => {
    const client = createTestAuthClient({ signInAs: { profile: { sub: 'ada', name: 'Ada', roles: ['admin'] } } })
    renderWith(client)
    expect(await screen.findByText('Hello, Ada')).toBeTruthy()
    expect(client.calls.login).toHaveLength(1)
  })

  it('shows an error the test puts in the state', () => {
    const client = createTestAuthClient({ signInAs: 'stay-anonymous' })
    renderWith(client)
    act(() => client.setError(new AuthError('access_denied', 'The user declined.')))
    expect(screen.getByRole('alert').textContent).toContain('The user declined.')
  })

  it('refuses an access token to an anonymous visitor with login_required', async () => {
    await expect(createTestAuthClient().getAccessToken()).rejects.toMatchObject({ code: 'login_required' })
  })
})

describe('createTestAuthClient with idleTimeout()', () => {
  afterEach(() => vi.useRealTimers())

  it('builds the idle timer through the feature, which getIdleTimer() finds', async () => {
    vi.useFakeTimers()
    const client = createTestAuthClient({ user: { profile: { sub: 'ada' } }, features: [idleTimeout({ after: 60, warnBefore: 10 })] })
    await client.start()
    const idle = getIdleTimer(client)
    await vi.advanceTimersByTimeAsync(50_000)
    expect(idle.getSnapshot()).toEqual({ warning: true, remainingSeconds: 10 })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(client.calls.logout).toEqual([{ mode: 'redirect' }])
    expect(client.getState().error?.code).toBe('idle_timeout')
    // A new sign-in is activity: the minute starts over, not at zero.
    await client.login()
    expect(client.getState()).toMatchObject({ status: 'authenticated', error: null })
    await vi.advanceTimersByTimeAsync(49_000)
    expect(idle.getSnapshot().warning).toBe(false)
    client.dispose()
  })

  it('has no idle timer without the feature, as a real client', () => {
    expect(() => getIdleTimer(createTestAuthClient())).toThrow(expect.objectContaining({ code: 'config' }))
  })

  it('shares nothing between clients: one timing out leaves the other signed in', async () => {
    vi.useFakeTimers()
    const features = [idleTimeout({ after: 60, warnBefore: 10 })]
    const first = createTestAuthClient({ user: { profile: { sub: 'ada' } }, features })
    await first.start()
    await vi.advanceTimersByTimeAsync(30_000)
    const second = createTestAuthClient({ user: { profile: { sub: 'bob' } }, features })
    await second.start()
    await vi.advanceTimersByTimeAsync(30_000)
    expect(first.getState().status).toBe('anonymous')
    expect(second.getState().status).toBe('authenticated')
    first.dispose()
    second.dispose()
  })
})

describe('createTestAuthClient with deviceCode()', () => {
  afterEach(() => vi.useRealTimers())

  it('rejects a device sign-in without the feature, as a real client, and records it', async () => {
    const client = createTestAuthClient()
    await expect(client.loginWithDeviceCode({ scope: 'orders' })).rejects.toMatchObject({ code: 'config' })
    expect(client.calls.deviceLogin).toEqual([{ scope: 'orders' }])
    expect(client.getState()).toMatchObject({ pending: null, error: null })
    expect(() => client.device.approve()).toThrow(/features: \[deviceCode\(\)\]/)
  })

  it('hands out a test code from the fake clock, pending "login" until approved', async () => {
    vi.useFakeTimers({ now: 1_000_000 })
    const client = createTestAuthClient({ features: [deviceCode()], signInAs: { profile: { sub: 'ada', name: 'Ada' } } })
    const device = await client.loginWithDeviceCode()
    expect(device).toMatchObject({
      userCode: 'TEST-CODE',
      verificationUri: 'https://idp.test/device',
      verificationUriComplete: 'https://idp.test/device?user_code=TEST-CODE',
      expiresAt: 1_600_000,
      interval: 5,
    })
    expect(client.getState()).toMatchObject({ status: 'anonymous', pending: 'login' })
    client.device.approve()
    await device.signedIn
    expect(client.getState()).toMatchObject({ status: 'authenticated', pending: null, user: { profile: { name: 'Ada' } } })
    expect(() => client.device.approve()).toThrow(/No device sign-in is waiting/)
  })

  it('puts a refusal in the state, and clears it when the next sign-in starts', async () => {
    const client = createTestAuthClient({ features: [deviceCode()] })
    const device = await client.loginWithDeviceCode()
    client.device.deny()
    await expect(device.signedIn).rejects.toMatchObject({ code: 'access_denied' })
    expect(client.getState()).toMatchObject({ pending: null, error: { code: 'access_denied' } })
    await client.loginWithDeviceCode()
    expect(client.getState()).toMatchObject({ pending: 'login', error: null })
    client.dispose()
  })

  it('expires by the clock as a real code does', async () => {
    vi.useFakeTimers()
    const client = createTestAuthClient({ features: [deviceCode()] })
    const device = await client.loginWithDeviceCode()
    await vi.advanceTimersByTimeAsync(599_999)
    expect(client.getState().pending).toBe('login')
    await vi.advanceTimersByTimeAsync(1)
    await expect(device.signedIn).rejects.toMatchObject({ code: 'device_code_expired' })
    expect(client.getState()).toMatchObject({ pending: null, error: { code: 'device_code_expired' } })
  })

  it('cancels with no error in the state: by cancel(), the signal, or a sign-out', async () => {
    const client = createTestAuthClient({ features: [deviceCode()] })
    const byCancel = await client.loginWithDeviceCode()
    byCancel.cancel()
    await expect(byCancel.signedIn).rejects.toMatchObject({ code: 'cancelled' })
    expect(client.getState()).toMatchObject({ pending: null, error: null })

    const abort = new AbortController()
    const bySignal = await client.loginWithDeviceCode({ signal: abort.signal })
    abort.abort()
    await expect(bySignal.signedIn).rejects.toMatchObject({ code: 'cancelled' })

    const bySignOut = await client.loginWithDeviceCode()
    await client.logout({ mode: 'local' })
    await expect(bySignOut.signedIn).rejects.toMatchObject({ code: 'cancelled' })
    expect(client.getState()).toMatchObject({ status: 'anonymous', pending: null, error: null })
    expect(() => client.device.deny()).toThrow(/No device sign-in is waiting/)
  })
})
