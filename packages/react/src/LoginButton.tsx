import type { ButtonHTMLAttributes } from 'react'
import type { AuthState, LoginMode, LoginOptions } from '@latchkey/core'
import { useAuthClient } from './useAuthClient.js'
import { useAuthSelector } from './useAuthSelector.js'

export interface LoginButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'onClick'> {
  mode?: LoginMode
  /** Where to land after sign-in; defaults to the current page. */
  returnTo?: string
  options?: Omit<LoginOptions, 'mode' | 'returnTo'>
}

const isSigningIn = (state: AuthState) => state.pending === 'login'

/**
 * A button that starts sign-in; disabled while one is under way. A failure shows in `useAuth().error`.
 *
 * @example
 * <LoginButton returnTo="/profile">Sign in</LoginButton>
 */
export function LoginButton({ mode, returnTo, options, children = 'Sign in', disabled, ...buttonProps }: LoginButtonProps) {
  const client = useAuthClient()
  const busy = useAuthSelector(client, isSigningIn)
  return (
    <button
      {...buttonProps}
      type="button"
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      onClick={() => {
        client
          .login({ ...options, ...(mode !== undefined && { mode }), ...(returnTo !== undefined && { returnTo }) })
          .catch(() => {
            // Kept in the client's state as `error`, where the app shows it.
          })
      }}
    >
      {children}
    </button>
  )
}
