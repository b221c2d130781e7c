import { render, screen } from '@testing-library/react'
import { expect, it } from 'vitest'
import { RequireAuth, useAuth } from '@latchkey/react'
import { createTestAuthClient } from '@latchkey/testing'
import { TestAuthProvider } from '@latchkey/testing/react'

function OrdersPage() {
  const name = useAuth((state) => state.user?.profile.name)
  return (
    <RequireAuth fallback={<p>Loading…</p>}>
      <h1>Orders of {name}</h1>
    </RequireAuth>
  )
}

it('shows the orders of the signed-in user', () => {
  render(<TestAuthProvider user={{ profile: { sub: 'ada', name: 'Ada' } }}><OrdersPage /></TestAuthProvider>)
  expect(screen.getByRole('heading').textContent).toBe('Orders of Ada')
})

it('sends an anonymous visitor to sign in, and back to the page asked for', async () => {
  window.history.replaceState(null, '', '/orders?status=open')
  const auth = createTestAuthClient({ user: null }) // login() signs in as "Test User"
  render(<TestAuthProvider client={auth}><OrdersPage /></TestAuthProvider>)
  expect((await screen.findByRole('heading')).textContent).toBe('Orders of Test User')
  expect(auth.calls.login).toEqual([{ returnTo: '/orders?status=open' }])
})
