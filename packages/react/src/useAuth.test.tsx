import { StrictMode, version } from 'react'
import { render, renderHook, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { AuthProvider } from './AuthProvider.js'
import { useAuth } from './useAuth.js'
import { seedSession, testAuthority, testClientId } from './test/seedSession.js'

function Name() {
  const name = useAuth((state) => state.user?.profile.name)
  return <p>name: {name ?? 'nobody'}</p>
}

describe('useAuth', () => {
  it('throws an error naming AuthProvider when used outside it', () => {
    // React 18 reports a render error before rethrowing it, on the console and as a window error event
    // that jsdom would print with its stack; React 19 only rethrows. Expected here: held back, and checked.
    const consoleErrors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const windowErrors: unknown[] = []
    const holdBack = (event: ErrorEvent) => {
      windowErrors.push(event.error)
      event.preventDefault()
    }
    window.addEventListener('error', holdBack)
    try {
      expect(() => renderHook(() => useAuth())).toThrow(/inside <AuthProvider>/)
    } finally {
      window.removeEventListener('error', holdBack)
    }
    const reportsRenderErrors = version.startsWith('18.')
    expect(windowErrors.length > 0).toBe(reportsRenderErrors)
    for (const error of windowErrors) expect(String(error)).toMatch(/inside <AuthProvider>/)
    expect(consoleErrors.mock.calls.length > 0).toBe(reportsRenderErrors)
  })

  it('shows a stored session on the very first render, without a loading state', () => {
    seedSession({ sub: 'alice', name: 'Alice Liddell' })
    const statuses: string[] = []
    function Status() {
      const { status } = useAuth()
      statuses.push(status)
      return <Name />
    }
    render(
      <StrictMode>
        <AuthProvider authority={testAuthority} clientId={testClientId}>
          <Status />
        </AuthProvider>
      </StrictMode>,
    )
    expect(screen.getByText('name: Alice Liddell')).toBeTruthy()
    expect(statuses).not.toContain('loading')
  })

  it('is anonymous at once when nothing is stored', () => {
    render(
      <StrictMode>
        <AuthProvider authority={testAuthority} clientId={testClientId}>
          <Name />
        </AuthProvider>
      </StrictMode>,
    )
    expect(screen.getByText('name: nobody')).toBeTruthy()
  })
})
