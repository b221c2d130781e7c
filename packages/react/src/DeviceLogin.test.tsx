import { StrictMode } from 'react'
import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react'
import { followAuthorization } from '@latchkey/mock-idp'
import { AuthError, type AuthClient, type DeviceAuthorization } from '@latchkey/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadApp, stateWhere, testIdp } from '../../core/src/test/signInThroughIdp.js'
import { AuthProvider } from './AuthProvider.js'
import { deviceCode, DeviceLogin, useDeviceLogin } from './deviceCode.js'
// Loaded up front so the QR code's lazy import resolves at once, not after a cold transform on a busy machine.
import 'uqr'

afterEach(() => {
  vi.useRealTimers()
})

/** A device sign-in whose outcome the test decides. */
function fakeDevice(expiresInSeconds = 600) {
  let resolve!: () => void
  let reject!: (error: AuthError) => void
  const signedIn = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  signedIn.catch(() => undefined)
  const device: DeviceAuthorization = {
    userCode: 'BCDF-GHJK',
    verificationUri: 'http://127.0.0.1:9/device',
    verificationUriComplete: 'http://127.0.0.1:9/device?user_code=BCDF-GHJK',
    expiresAt: Date.now() + expiresInSeconds * 1000,
    interval: 5,
    signedIn,
    cancel: vi.fn(() => reject(new AuthError('cancelled', 'The device sign-in was cancelled.'))),
  }
  return { device, approve: () => resolve(), fail: (code: 'access_denied' | 'device_code_expired') => reject(new AuthError(code, code)) }
}

/** A real client whose loginWithDeviceCode hands out the test's fake sign-ins, in order. */
function clientWith(...devices: ReturnType<typeof fakeDevice>[]): { client: AuthClient; starts: ReturnType<typeof vi.fn> } {
  const { client } = loadApp({ features: [deviceCode()] })
  const queue = [...devices]
  const starts = vi.fn(async () => {
    const next = queue.shift()
    if (!next) throw new Error('no more fake devices')
    return next.device
  })
  return { client: { ...client, loginWithDeviceCode: starts }, starts }
}

function renderDeviceLogin(client: AuthClient, children?: React.ReactNode) {
  return render(
    <StrictMode>
      <AuthProvider client={client}>
        <DeviceLogin>{children}</DeviceLogin>
      </AuthProvider>
    </StrictMode>,
  )
}

describe('<DeviceLogin>', () => {
  it('shows the code in large type, a QR code of the verification link, the address and a countdown that updates each second', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    const first = fakeDevice(125)
    const { client } = clientWith(first)
    renderDeviceLogin(client)
    expect(await screen.findByLabelText('Your code')).toHaveProperty('textContent', 'BCDF-GHJK')
    // The QR encoder loads after the code shows: the code is there first, the QR code follows.
    await waitFor(() => expect(screen.getByRole('img', { name: /QR code/ }).querySelector('path')?.getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/))
    expect(screen.getByRole('link', { name: 'http://127.0.0.1:9/device' })).toBeTruthy()
    expect(screen.getByText('2:05')).toBeTruthy()
    act(() => vi.advanceTimersByTime(1000))
    expect(screen.getByText('2:04')).toBeTruthy()
    act(() => vi.advanceTimersByTime(65_000))
    expect(screen.getByText('0:59')).toBeTruthy()
    expect(screen.getByRole('status').textContent).toBe('Waiting for you to sign in on your other device.')
  })

  it('shows what it was given once the user signed in on the other device', async () => {
    const device = fakeDevice()
    const { client } = clientWith(device)
    renderDeviceLogin(client, <p>Welcome back</p>)
    await screen.findByLabelText('Your code')
    await act(async () => device.approve())
    expect(screen.getByText('Welcome back')).toBeTruthy()
    expect(screen.getByRole('status').textContent).toBe('Signed in.')
  })

  it('after an expired code, says so and offers a new code', async () => {
    const expiring = fakeDevice()
    const fresh = fakeDevice()
    const { client, starts } = clientWith(expiring, fresh)
    renderDeviceLogin(client)
    await screen.findByLabelText('Your code')
    await act(async () => expiring.fail('device_code_expired'))
    expect(screen.getByRole('status').textContent).toBe('The code expired before it was used.')
    expect(screen.queryByLabelText('Your code')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Get a new code' }))
    expect(await screen.findByLabelText('Your code')).toBeTruthy()
    expect(starts).toHaveBeenCalledTimes(2)
  })

  it('after a refusal on the other device, says so and offers a new code', async () => {
    const refused = fakeDevice()
    const { client } = clientWith(refused)
    renderDeviceLogin(client)
    await screen.findByLabelText('Your code')
    await act(async () => refused.fail('access_denied'))
    expect(screen.getByRole('status').textContent).toBe('The sign-in was refused on the other device.')
    expect(screen.getByRole('button', { name: 'Get a new code' })).toBeTruthy()
  })

  it('asks the IdP for one code under StrictMode, and cancels it when it unmounts, so nothing polls for a screen that is gone', async () => {
    const shown = fakeDevice()
    const { client, starts } = clientWith(shown)
    const view = renderDeviceLogin(client)
    await screen.findByLabelText('Your code')
    // StrictMode mounts, unmounts and mounts again: one code is asked for, not a second cancelled at once.
    expect(starts).toHaveBeenCalledTimes(1)
    expect(shown.device.cancel).not.toHaveBeenCalled()
    view.unmount()
    expect(shown.device.cancel).toHaveBeenCalledTimes(1)
  })

  it('signs in against the mock IdP: the phone opens the verification link, signs in and approves', async () => {
    await testIdp.configure({ deviceCodeInterval: 1 })
    const { client } = loadApp({ features: [deviceCode()] })
    renderDeviceLogin(client)
    const code = (await screen.findByLabelText('Your code')).textContent ?? ''
    const verificationUri = screen.getByRole('link').getAttribute('href') ?? ''
    await followAuthorization(`${verificationUri}?user_code=${code}`, { username: 'alice' })
    await act(() => stateWhere(client, (state) => state.status === 'authenticated'))
    expect(await screen.findByText('You are signed in.')).toBeTruthy()
    expect(client.getState().user?.profile.sub).toBe('alice')
  })
})

describe('useDeviceLogin', () => {
  it('goes from idle to pending with the code, and back to idle on cancel()', async () => {
    const device = fakeDevice()
    const { client } = clientWith(device)
    const { result } = renderHook(() => useDeviceLogin(), { wrapper: ({ children }) => <AuthProvider client={client}>{children}</AuthProvider> })
    expect(result.current.state).toEqual({ status: 'idle' })
    await act(async () => result.current.start())
    expect(result.current.state).toEqual({ status: 'pending', device: device.device })
    act(() => result.current.cancel())
    expect(result.current.state).toEqual({ status: 'idle' })
    expect(device.device.cancel).toHaveBeenCalled()
  })

  it('reports a failure to start, such as an IdP without the device grant, as an error', async () => {
    const { client } = loadApp()
    const { result } = renderHook(() => useDeviceLogin(), { wrapper: ({ children }) => <AuthProvider client={client}>{children}</AuthProvider> })
    await act(async () => result.current.start())
    expect(result.current.state).toMatchObject({ status: 'error', error: { code: 'config' } })
  })
})
