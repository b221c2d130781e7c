import { Profiler, StrictMode } from 'react'
import { act, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadApp, signInThroughIdp, testConfig, testIdp } from '../../core/src/test/signInThroughIdp.js'
import { AuthProvider } from './AuthProvider.js'
import { useAccessToken } from './useAccessToken.js'
import { useAuth } from './useAuth.js'

afterEach(async () => {
  window.history.replaceState(null, '', '/')
  await testIdp.reset()
})

function Name() {
  const name = useAuth((state) => state.user?.profile.name)
  return <p>name: {name ?? 'nobody'}</p>
}

describe('AuthProvider against a real OpenID Provider', () => {
  it('completes the callback once under StrictMode, with the client built from config props', async () => {
    await signInThroughIdp({ returnTo: '/orders' })
    render(
      <StrictMode>
        <AuthProvider {...testConfig}>
          <Name />
        </AuthProvider>
      </StrictMode>,
    )
    expect(await screen.findByText('name: Alice Liddell')).toBeTruthy()
    expect(window.location.pathname).toBe('/orders')
    expect(window.location.search).toBe('')
    expect(await testIdp.tokenRequests('authorization_code')).toBe(1)
  })

  it('shows the app nothing of the callback URL: its callback fallback until the URL is back on returnTo', async () => {
    await signInThroughIdp({ returnTo: '/orders' })
    const pathsRendered: string[] = []
    function WhereAmI() {
      pathsRendered.push(`${window.location.pathname}${window.location.search}`)
      return <p>app at {window.location.pathname}</p>
    }
    render(
      <AuthProvider {...testConfig} callbackFallback={<p>Signing you in…</p>}>
        <WhereAmI />
      </AuthProvider>,
    )
    expect(screen.getByText('Signing you in…')).toBeTruthy()
    expect(await screen.findByText('app at /orders')).toBeTruthy()
    expect(pathsRendered.every((path) => path === '/orders')).toBe(true)
  })

  it('re-renders a status reader not at all and a token reader once on a token renewal', async () => {
    await signInThroughIdp()
    const { client } = loadApp()
    await client.start()
    const renders = { status: 0, token: 0 }
    function Status() {
      const isAuthenticated = useAuth((state) => state.status === 'authenticated')
      return <p>{isAuthenticated ? 'in' : 'out'}</p>
    }
    function Token() {
      const token = useAccessToken()
      return <p>token {token?.slice(-8)}</p>
    }
    render(
      <AuthProvider client={client}>
        <Profiler id="status" onRender={() => (renders.status += 1)}>
          <Status />
        </Profiler>
        <Profiler id="token" onRender={() => (renders.token += 1)}>
          <Token />
        </Profiler>
      </AuthProvider>,
    )
    const before = { ...renders }
    const tokenBefore = client.peekAccessToken()
    await act(() => client.renew())
    expect(client.peekAccessToken()).not.toBe(tokenBefore)
    expect(await testIdp.tokenRequests('refresh_token')).toBe(1)
    expect(renders.status).toBe(before.status)
    expect(renders.token).toBe(before.token + 1)
  })

  it('disposes the client it built when it unmounts, and leaves a client it was given running', async () => {
    const closes = vi.spyOn(BroadcastChannel.prototype, 'close')
    const built = render(
      <StrictMode>
        <AuthProvider {...testConfig}>
          <Name />
        </AuthProvider>
      </StrictMode>,
    )
    expect(await screen.findByText('name: nobody')).toBeTruthy()
    const closedWhileMounted = closes.mock.calls.length
    built.unmount()
    expect(closes.mock.calls.length).toBeGreaterThan(closedWhileMounted)

    const { client } = loadApp()
    const dispose = vi.spyOn(client, 'dispose')
    render(<AuthProvider client={client}><Name /></AuthProvider>).unmount()
    expect(dispose).not.toHaveBeenCalled()
  })
})
