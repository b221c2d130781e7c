import { useEffect, useRef, type ReactNode } from 'react'
import type { AuthError, AuthState, AuthUser, LoginOptions } from '@latchkey/core'
import { useAuthClient } from './useAuthClient.js'
import { useAuthSelector } from './useAuthSelector.js'

/** Props of `RequireAuth`. All are optional. */
export interface RequireAuthProps {
  /** What only a signed-in user (who passes `when`) sees. Default: nothing. */
  children?: ReactNode
  /** Shown while the session loads and while leaving for the identity provider. Default: nothing. */
  fallback?: ReactNode
  /** An extra condition on the signed-in user, such as a role; when it fails, `forbidden` is shown. Default: none, every signed-in user passes. */
  when?: (user: AuthUser) => boolean
  /** Shown to a signed-in user who fails `when`. Default: "You do not have access to this page." */
  forbidden?: ReactNode
  /** Shown instead of signing in again when the last sign-in failed, so a failure never loops. Default: the error's message and a "Try again" button. */
  renderError?: (error: AuthError, retry: () => void) => ReactNode
  /** Options for the automatic sign-in; `returnTo` defaults to the current page. */
  loginOptions?: LoginOptions
}

type Gate = 'wait' | 'redirecting' | 'login' | 'error' | 'forbidden' | 'allow'

function gateOf(state: AuthState, when: RequireAuthProps['when']): Gate {
  if (state.status === 'loading' || state.pending === 'callback' || state.pending === 'logout') return 'wait'
  if (state.status === 'authenticated' && state.user) return when && !when(state.user) ? 'forbidden' : 'allow'
  if (state.error) return 'error'
  return state.pending === 'login' ? 'redirecting' : 'login'
}

const selectError = (state: AuthState): AuthError | null => state.error

// Core's messages already say what failed ("Sign-in failed: …", "Your session has ended …"): shown as they are.
function DefaultError({ error, retry }: { error: AuthError; retry: () => void }) {
  return (
    <div role="alert">
      <p>{error.message}</p>
      <button type="button" onClick={retry}>
        Try again
      </button>
    </div>
  )
}

const defaultForbidden = <p role="alert">You do not have access to this page.</p>

/**
 * Renders its children only for a signed-in user (who also passes `when`). An anonymous visitor is
 * sent to sign in once; if that fails, the visitor comes back without signing in, or signs out here,
 * it offers a button instead of redirecting again.
 *
 * @example
 * <RequireAuth fallback={<Spinner />} when={(user) => user.profile.roles?.includes('admin') ?? false}
 *              forbidden={<NotAllowed />}>
 *   <AdminPage />
 * </RequireAuth>
 */
export function RequireAuth({ children, fallback = null, when, forbidden = defaultForbidden, renderError, loginOptions }: RequireAuthProps) {
  const client = useAuthClient()
  const gate = useAuthSelector(client, (state) => gateOf(state, when))
  const error = useAuthSelector(client, selectError)
  // One automatic redirect per mount, and none once the user was seen signed in here: after a sign-out
  // or an expired session the visitor gets a button, not a surprise trip to the IdP.
  const autoLoginSpent = useRef(false)
  const optionsRef = useRef(loginOptions)
  optionsRef.current = loginOptions

  const signIn = () => {
    // Said here, not left to core's default, so a test client records where the visitor will land.
    const { pathname, search, hash } = window.location
    client.login({ returnTo: `${pathname}${search}${hash}`, ...optionsRef.current }).catch(() => {
      // The error is in the client's state, where this component shows it.
    })
  }

  useEffect(() => {
    if (gate === 'allow' || gate === 'forbidden') {
      autoLoginSpent.current = true
      return
    }
    if (gate !== 'login' || autoLoginSpent.current) return
    // Read the live state: under StrictMode this effect runs twice, and the first run already set pending.
    const { status, pending, error: lastError } = client.getState()
    if (status !== 'anonymous' || pending !== null || lastError) return
    autoLoginSpent.current = true
    signIn()
  })

  switch (gate) {
    case 'allow':
      return <>{children}</>
    case 'forbidden':
      return <>{forbidden}</>
    case 'error':
      return <>{error && (renderError ? renderError(error, signIn) : <DefaultError error={error} retry={signIn} />)}</>
    case 'login':
      if (autoLoginSpent.current) {
        return (
          <button type="button" onClick={signIn}>
            Sign in to continue
          </button>
        )
      }
      return <>{fallback}</>
    default:
      return <>{fallback}</>
  }
}
