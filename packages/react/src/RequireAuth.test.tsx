import { StrictMode, type ReactNode } from 'react'
import { render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createAuthClient, type AuthClient } from '@latchkey/core'
import { AuthProvider } from './AuthProvider.js'
import { RequireAuth } from './RequireAuth.js'
import { seedSession, testAuthority, testClientId } from './test/seedSession.js'
import { loadApp, testIdp } from '../../core/src/test/signInThroughIdp.js'

const isAdmin = (user: { profile: { roles?: readonly string[] } }) => user.profile.roles?.includes('admin') ?? false

/** A client whose identity provider is down: port 9 on loopback refuses connections. */
function unreachableApp() {
  const navigate = vi.fn()
  return { client: createAuthClient({ authority: testAuthority, clientId: testClientId, navigate }), navigate }
}

function renderGuarded<App extends { client: AuthClient }>(ui: ReactNode, app: App) {
  render(
    <StrictMode>
      <AuthProvider client={app.client}>{ui}</AuthProvider>
    </StrictMode>,
  )
  return app
}

describe('RequireAuth', () => {
  afterEach(() => window.history.replaceState(null, '', '/'))

  it('shows its children to a signed-in user', () => {
    seedSession({ sub: 'alice', name: 'Alice' })
    renderGuarded(
      <RequireAuth fallback={<p>loading</p>}>
        <p>secret</p>
      </RequireAuth>,
      unreachableApp(),
    )
    expect(screen.getByText('secret')).toBeTruthy()
  })

  it('shows the forbidden view when the user fails the `when` check', () => {
    seedSession({ sub: 'alice', name: 'Alice', roles: ['user'] })
    renderGuarded(
      <RequireAuth when={isAdmin} forbidden={<p>admins only</p>}>
        <p>admin panel</p>
      </RequireAuth>,
      unreachableApp(),
    )
    expect(screen.getByText('admins only')).toBeTruthy()
    expect(screen.queryByText('admin panel')).toBeNull()
  })

  it('lets a user with the role through the `when` check', () => {
    seedSession({ sub: 'ada', name: 'Ada', roles: ['admin'] })
    renderGuarded(
      <RequireAuth when={isAdmin} forbidden={<p>admins only</p>}>
        <p>admin panel</p>
      </RequireAuth>,
      unreachableApp(),
    )
    expect(screen.getByText('admin panel')).toBeTruthy()
  })

  it('shows the sign-in error with a retry instead of redirecting again when the IdP is down', async () => {
    const { navigate, client } = renderGuarded(
      <RequireAuth fallback={<p>loading</p>}>
        <p>secret</p>
      </RequireAuth>,
      unreachableApp(),
    )
    expect(screen.getByText('loading')).toBeTruthy()
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/could not reach the identity provider/i)
    expect(client.getState().error?.code).toBe('network')
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy()
    expect(navigate).not.toHaveBeenCalled()
    expect(screen.queryByText('secret')).toBeNull()
  })

  it('says once that sign-in failed when the IdP answers access_denied', async () => {
    const { client: starter, navigate } = loadApp()
    await starter.login({ returnTo: '/orders' })
    const state = new URL(navigate.mock.calls[0]?.[0] ?? '').searchParams.get('state') ?? ''
    window.history.replaceState(null, '', `/callback?error=access_denied&error_description=The+user+said+no&state=${state}&iss=${encodeURIComponent(testIdp.issuer)}`)
    renderGuarded(
      <RequireAuth fallback={<p>loading</p>}>
        <p>secret</p>
      </RequireAuth>,
      loadApp(),
    )
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Sign-in failed: the identity provider answered access_denied (The user said no).')
    expect(alert.textContent?.match(/Sign-in failed/g)).toHaveLength(1)
  })

  it('sends the visitor to sign in with the page they asked for as returnTo', async () => {
    window.history.replaceState(null, '', '/orders?status=open#latest')
    const app = unreachableApp()
    const login = vi.spyOn(app.client, 'login')
    renderGuarded(
      <RequireAuth fallback={<p>loading</p>}>
        <p>secret</p>
      </RequireAuth>,
      app,
    )
    await screen.findByRole('alert')
    expect(login).toHaveBeenCalledTimes(1)
    expect(login).toHaveBeenCalledWith({ returnTo: '/orders?status=open#latest' })
  })

  it('lets loginOptions choose another returnTo', async () => {
    window.history.replaceState(null, '', '/orders')
    const app = unreachableApp()
    const login = vi.spyOn(app.client, 'login')
    renderGuarded(
      <RequireAuth loginOptions={{ returnTo: '/welcome', prompt: 'login' }}>
        <p>secret</p>
      </RequireAuth>,
      app,
    )
    await screen.findByRole('alert')
    expect(login).toHaveBeenCalledWith({ returnTo: '/welcome', prompt: 'login' })
  })
})
