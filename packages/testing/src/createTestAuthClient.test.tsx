import { StrictMode } from 'react'
import { act, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup } from '@testing-library/react'
import { AuthError } from '@latchkey/core'
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
