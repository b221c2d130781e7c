import type { ButtonHTMLAttributes } from 'react'
import type { AuthState, LogoutMode } from '@latchkey/core'
import { useAuthClient } from './useAuthClient.js'
import { useAuthSelector } from './useAuthSelector.js'

export interface LogoutButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'onClick'> {
  /** `redirect` (default) also ends the session at the identity provider; `local` only here. */
  mode?: LogoutMode
  returnTo?: string
}

const isSigningOut = (state: AuthState) => state.pending === 'logout'

/**
 * @example
 * <LogoutButton returnTo="/">Sign out</LogoutButton>
 */
export function LogoutButton({ mode, returnTo, children = 'Sign out', disabled, ...buttonProps }: LogoutButtonProps) {
  const client = useAuthClient()
  const busy = useAuthSelector(client, isSigningOut)
  return (
    <button
      {...buttonProps}
      type="button"
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      onClick={() => {
        client.logout({ ...(mode !== undefined && { mode }), ...(returnTo !== undefined && { returnTo }) }).catch(() => {
          // Kept in the client's state as `error`.
        })
      }}
    >
      {children}
    </button>
  )
}
