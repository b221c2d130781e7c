import { act, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { deviceCode, DeviceLogin } from '@latchkey/react/device-code'
import { idleTimeout, IdleWarning } from '@latchkey/react/idle-timeout'
import { createTestAuthClient } from '@latchkey/testing'
import { TestAuthProvider } from '@latchkey/testing/react'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())
const seconds = (count: number) => act(() => vi.advanceTimersByTimeAsync(count * 1000))

it('warns a user who walked away, then signs them out', async () => {
  const auth = createTestAuthClient({ user: { profile: { sub: 'ada' } }, features: [idleTimeout({ after: 60, warnBefore: 10 })] })
  render(<TestAuthProvider client={auth}><IdleWarning /></TestAuthProvider>)
  await seconds(50)
  expect(screen.getByRole('alertdialog').textContent).toContain('You will be signed out in 0:10')
  await seconds(10)
  expect(auth.calls.logout).toEqual([{ mode: 'redirect' }])
  expect(auth.getState().error?.code).toBe('idle_timeout')
  auth.dispose() // stops its idle timer; TestAuthProvider disposes only a client it built
})

it('signs in with a code entered on another device', async () => {
  const auth = createTestAuthClient({ features: [deviceCode()] })
  render(<TestAuthProvider client={auth}><DeviceLogin /></TestAuthProvider>)
  await seconds(0) // findBy* would wait on the fake clock
  expect(screen.getByLabelText('Your code').textContent).toBe('TEST-CODE')
  await act(async () => auth.device.approve({ profile: { sub: 'ada', name: 'Ada' } }))
  expect(screen.getByRole('status').textContent).toBe('Signed in.')
  expect(auth.getState().user?.profile.name).toBe('Ada')
})
