import { StrictMode } from 'react'
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
    // React reports the render error on the console before rethrowing it; that report is expected here.
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    expect(() => renderHook(() => useAuth())).toThrow(/inside <AuthProvider>/)
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
