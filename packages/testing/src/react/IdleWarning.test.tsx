import { StrictMode } from 'react'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { useAuth } from '@latchkey/react'
import { idleTimeout, IdleWarning } from '@latchkey/react/idle-timeout'
import { createTestAuthClient } from '@latchkey/testing'
import { TestAuthProvider } from '@latchkey/testing/react'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

const seconds = (count: number) => act(() => vi.advanceTimersByTimeAsync(count * 1000))

function SignedOutNotice() {
  const error = useAuth((state) => state.error)
  return error ? <p role="alert">{error.message}</p> : null
}

it('warns 10 seconds ahead, and "Stay signed in" starts the minute over', async () => {
  render(
    <StrictMode>
      <TestAuthProvider user={{ profile: { sub: 'ada', name: 'Ada' } }} features={[idleTimeout({ after: 60, warnBefore: 10 })]}>
        <IdleWarning />
      </TestAuthProvider>
    </StrictMode>,
  )
  await seconds(49)
  expect(screen.queryByRole('alertdialog')).toBeNull()
  await seconds(1)
  expect(screen.getByRole('alertdialog').textContent).toContain('You will be signed out in 0:10')
  await seconds(3)
  expect(screen.getByRole('alertdialog').textContent).toContain('You will be signed out in 0:07')

  fireEvent.click(screen.getByRole('button', { name: 'Stay signed in' }))
  expect(screen.queryByRole('alertdialog')).toBeNull()
  await seconds(49)
  expect(screen.queryByRole('alertdialog')).toBeNull()
  await seconds(1)
  expect(screen.getByRole('alertdialog')).toBeTruthy()
})

it('signs out at zero with the configured mode, and says why', async () => {
  const auth = createTestAuthClient({ user: { profile: { sub: 'ada', name: 'Ada' } }, features: [idleTimeout({ after: 60, warnBefore: 10, mode: 'local' })] })
  render(
    <TestAuthProvider client={auth}>
      <IdleWarning />
      <SignedOutNotice />
    </TestAuthProvider>,
  )
  await seconds(59)
  expect(screen.getByRole('alertdialog').textContent).toContain('0:01')
  expect(auth.calls.logout).toEqual([])
  await seconds(1)
  expect(screen.queryByRole('alertdialog')).toBeNull()
  expect(auth.calls.logout).toEqual([{ mode: 'local' }])
  expect(auth.getState()).toMatchObject({ status: 'anonymous', error: { code: 'idle_timeout' } })
  expect(screen.getByRole('alert').textContent).toBe('You were signed out after 1 min without activity. Sign in again to continue.')
  auth.dispose()
})
