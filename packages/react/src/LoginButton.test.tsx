import { StrictMode } from 'react'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { loadApp } from '../../core/src/test/signInThroughIdp.js'
import { AuthProvider } from './AuthProvider.js'
import { LoginButton } from './LoginButton.js'
import { LogoutButton } from './LogoutButton.js'
import { seedSession, testClientId } from './test/seedSession.js'

describe('LoginButton and LogoutButton', () => {
  it('starts one sign-in per click and is disabled while it is under way', async () => {
    const { client, navigate } = loadApp()
    render(
      <StrictMode>
        <AuthProvider client={client}>
          <LoginButton returnTo="/orders">Sign in</LoginButton>
        </AuthProvider>
      </StrictMode>,
    )
    const button = screen.getByRole('button', { name: 'Sign in' })
    fireEvent.click(button)
    expect((button as HTMLButtonElement).disabled).toBe(true)
    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1))
    expect(new URL(navigate.mock.calls[0]?.[0] ?? '').searchParams.get('client_id')).toBe('spa')
  })

  it('signs out locally without leaving the page', async () => {
    seedSession({ sub: 'alice', name: 'Alice' })
    const { client, navigate } = loadApp({ authority: 'http://127.0.0.1:9/', clientId: testClientId })
    render(
      <AuthProvider client={client}>
        <LogoutButton mode="local">Sign out</LogoutButton>
      </AuthProvider>,
    )
    expect(client.getState().status).toBe('authenticated')
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }))
    await waitFor(() => expect(client.getState().status).toBe('anonymous'))
    expect(navigate).not.toHaveBeenCalled()
  })

  it('hands what the sign-out did to onSignedOut, so the app can say the IdP session was kept', async () => {
    seedSession({ sub: 'alice', name: 'Alice' })
    const { client } = loadApp({ authority: 'http://127.0.0.1:9/', clientId: testClientId })
    const results: unknown[] = []
    render(
      <AuthProvider client={client}>
        <LogoutButton mode="local" onSignedOut={(result) => results.push(result)}>
          Sign out
        </LogoutButton>
      </AuthProvider>,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }))
    await waitFor(() => expect(results).toEqual([{ idpSession: 'kept', revoked: false }]))
    expect(client.getState()).toMatchObject({ status: 'anonymous', error: null })
  })
})
