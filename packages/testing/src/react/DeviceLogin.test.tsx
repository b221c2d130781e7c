import { act, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { useAuth } from '@latchkey/react'
import { deviceCode, DeviceLogin } from '@latchkey/react/device-code'
import { createTestAuthClient } from '@latchkey/testing'
import { TestAuthProvider } from '@latchkey/testing/react'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

function Greeting() {
  const name = useAuth((state) => state.user?.profile.name)
  return <p>Hello, {name}</p>
}

function renderKiosk() {
  const auth = createTestAuthClient({ user: null, features: [deviceCode()] })
  render(
    <TestAuthProvider client={auth}>
      <DeviceLogin>
        <Greeting />
      </DeviceLogin>
    </TestAuthProvider>,
  )
  return auth
}

const status = () => screen.getByRole('status').textContent
/** Lets the promises settle: Testing Library's findBy* polls on timers, which the fake clock holds still. */
const settle = () => act(() => vi.advanceTimersByTimeAsync(0))

it('shows the test code, then the user signed in on the other device', async () => {
  const auth = renderKiosk()
  await settle()
  expect(screen.getByLabelText('Your code').textContent).toBe('TEST-CODE')
  expect(screen.getByRole('link', { name: 'https://idp.test/device' })).toBeTruthy()
  expect(screen.getByText('10:00')).toBeTruthy()
  expect(auth.getState().pending).toBe('login')

  await act(async () => auth.device.approve({ profile: { sub: 'ada', name: 'Ada' } }))
  expect(screen.getByText('Hello, Ada')).toBeTruthy()
  expect(auth.getState()).toMatchObject({ status: 'authenticated', pending: null, error: null })
  expect(auth.calls.deviceLogin).toEqual([{}])
})

it('offers a new code after a refusal on the other device', async () => {
  const auth = renderKiosk()
  await settle()
  await act(async () => auth.device.deny())
  expect(status()).toBe('The sign-in was refused on the other device.')
  expect(auth.getState()).toMatchObject({ status: 'anonymous', pending: null, error: { code: 'access_denied' } })

  fireEvent.click(screen.getByRole('button', { name: 'Get a new code' }))
  await settle()
  expect(screen.getByLabelText('Your code').textContent).toBe('TEST-CODE')
  expect(auth.calls.deviceLogin).toHaveLength(2)
})

it('offers a new code once the code expired, by the control or by the clock', async () => {
  const auth = renderKiosk()
  await settle()
  await act(async () => auth.device.expire())
  expect(status()).toBe('The code expired before it was used.')
  expect(auth.getState().error?.code).toBe('device_code_expired')

  fireEvent.click(screen.getByRole('button', { name: 'Get a new code' }))
  await settle()
  await act(() => vi.advanceTimersByTimeAsync(600_000))
  expect(status()).toBe('The code expired before it was used.')
  expect(screen.getByRole('button', { name: 'Get a new code' })).toBeTruthy()
})
