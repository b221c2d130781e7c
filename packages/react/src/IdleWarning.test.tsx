import { StrictMode, useRef } from 'react'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { loadApp } from '../../core/src/test/signInThroughIdp.js'
import { AuthProvider } from './AuthProvider.js'
import { idleTimeout, IdleWarning, useIdle } from './idleTimeout.js'
import { useAuth } from './useAuth.js'
import { seedSession, testAuthority, testClientId } from './test/seedSession.js'

beforeEach(() => {
  vi.useFakeTimers()
  seedSession({ sub: 'alice', name: 'Alice' })
})

/** Two minutes, the warning in the last thirty seconds; nothing talks to an IdP. */
async function renderApp(ui = <IdleWarning />) {
  const { client } = loadApp({
    authority: testAuthority,
    clientId: testClientId,
    features: [idleTimeout({ after: 120, warnBefore: 30, mode: 'local' })],
    autoRenew: false,
    revokeOnLogout: false,
  })
  await client.start()
  render(
    <StrictMode>
      <AuthProvider client={client}>
        <button type="button">Save draft</button>
        {ui}
      </AuthProvider>
    </StrictMode>,
  )
  return client
}

const seconds = (count: number) => act(() => vi.advanceTimersByTimeAsync(count * 1000))
const dialog = () => screen.queryByRole('alertdialog')
const liveRegion = () => dialog()?.querySelector('[aria-live="polite"]')?.textContent

describe('IdleWarning', () => {
  it('opens when warnBefore is left: a labelled modal alert dialog with the time left as m:ss', async () => {
    await renderApp()
    await seconds(89)
    expect(dialog()).toBeNull()
    await seconds(1)
    const shown = screen.getByRole('alertdialog', { name: 'Are you still there?' })
    expect(shown.getAttribute('aria-modal')).toBe('true')
    expect(screen.getByText('You will be signed out in 0:30', { selector: 'p' })).toBeTruthy()
    expect(document.getElementById(shown.getAttribute('aria-describedby') ?? '')?.textContent).toBe('You will be signed out in 0:30')
    await seconds(1)
    expect(screen.getByText('You will be signed out in 0:29', { selector: 'p' })).toBeTruthy()
  })

  it('moves focus to "Stay signed in", and gives it back where it was when the dialog closes', async () => {
    await renderApp()
    const before = screen.getByRole('button', { name: 'Save draft' })
    before.focus()
    await seconds(90)
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Stay signed in' }))

    fireEvent.click(screen.getByRole('button', { name: 'Stay signed in' }))
    expect(dialog()).toBeNull()
    expect(document.activeElement).toBe(before)
    await seconds(89)
    expect(dialog()).toBeNull()
  })

  it('traps focus: Tab and Shift+Tab wrap inside, and focus sent outside comes back', async () => {
    await renderApp()
    await seconds(90)
    const stay = screen.getByRole('button', { name: 'Stay signed in' })
    const signOut = screen.getByRole('button', { name: 'Sign out' })

    signOut.focus()
    fireEvent.keyDown(signOut, { key: 'Tab' })
    expect(document.activeElement).toBe(stay)
    fireEvent.keyDown(stay, { key: 'Tab', shiftKey: true })
    expect(document.activeElement).toBe(signOut)
    screen.getByRole('button', { name: 'Save draft' }).focus()
    expect(document.activeElement).toBe(stay)
  })

  it('keeps the session on Escape, as on "Stay signed in"', async () => {
    const client = await renderApp()
    await seconds(100)
    fireEvent.keyDown(screen.getByRole('button', { name: 'Stay signed in' }), { key: 'Escape' })
    expect(dialog()).toBeNull()
    await seconds(89)
    expect(client.getState().status).toBe('authenticated')
  })

  it('announces politely every 15 s and in each of the last 10 s, not every second', async () => {
    await renderApp()
    await seconds(90)
    expect(liveRegion()).toBe('You will be signed out in 0:30')
    const heard = new Set<string | null | undefined>()
    for (let second = 0; second < 25; second += 1) {
      await seconds(1)
      heard.add(liveRegion())
    }
    const times = ['0:30', '0:15', '0:10', '0:09', '0:08', '0:07', '0:06', '0:05']
    expect([...heard]).toEqual(times.map((time) => `You will be signed out in ${time}`))
  })

  it('closes at zero, with the session ended for idle_timeout', async () => {
    const client = await renderApp()
    await seconds(120)
    expect(dialog()).toBeNull()
    expect(client.getState()).toMatchObject({ status: 'anonymous', error: { code: 'idle_timeout' } })
  })

  it('signs out at once with "Sign out"', async () => {
    const client = await renderApp(<IdleWarning logoutMode="local" />)
    await seconds(90)
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sign out' }))
      await Promise.resolve()
    })
    expect(client.getState()).toMatchObject({ status: 'anonymous', error: null })
    expect(dialog()).toBeNull()
  })

  it('takes its own words', async () => {
    await renderApp(
      <IdleWarning title="Session ending" staySignedInText="Keep working" signOutText="Log off">
        {(time) => `Logging you off in ${time}.`}
      </IdleWarning>,
    )
    await seconds(100)
    expect(screen.getByRole('alertdialog', { name: 'Session ending' })).toBeTruthy()
    expect(screen.getByText('Logging you off in 0:20.', { selector: 'p' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Keep working' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Log off' })).toBeTruthy()
  })
})

describe('useIdle', () => {
  it('re-renders only the components that read it while the countdown runs', async () => {
    const renders = { idle: 0, other: 0 }
    function Countdown() {
      renders.idle += 1
      const { remainingSeconds } = useIdle()
      return <output>{remainingSeconds ?? 'quiet'}</output>
    }
    function Name() {
      const count = useRef(0)
      count.current += 1
      renders.other = count.current
      return <span>{useAuth((state) => state.user?.profile.name)}</span>
    }
    await renderApp(
      <>
        <Countdown />
        <Name />
      </>,
    )
    const otherBefore = renders.other
    await seconds(90)
    const idleBefore = renders.idle
    for (let second = 0; second < 10; second += 1) await seconds(1)
    expect(screen.getByRole('status').textContent).toBe('20')
    expect(renders.idle - idleBefore).toBeGreaterThanOrEqual(10)
    expect(renders.other).toBe(otherBefore)
  })

  it('hands back staySignedIn, which ends the warning', async () => {
    let stay: (() => void) | undefined
    function Probe() {
      const idle = useIdle()
      stay = idle.staySignedIn
      return <output>{idle.warning ? 'warning' : 'quiet'}</output>
    }
    await renderApp(<Probe />)
    await seconds(95)
    expect(screen.getByRole('status').textContent).toBe('warning')
    act(() => stay?.())
    expect(screen.getByRole('status').textContent).toBe('quiet')
  })

  it('says which feature is missing when the client has no idle timeout', async () => {
    const { client } = loadApp({ authority: testAuthority, clientId: testClientId, features: [] })
    const shown = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    expect(() =>
      render(
        <AuthProvider client={client}>
          <IdleWarning />
        </AuthProvider>,
      ),
    ).toThrow(/@latchkey\/core\/idle-timeout/)
    shown.mockRestore()
  })
})
