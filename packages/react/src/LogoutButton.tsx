import type { AuthState, LogoutMode } from '@latchkey/core'
import { AuthActionButton, type AuthButtonAttributes } from './AuthActionButton.js'

export interface LogoutButtonProps extends AuthButtonAttributes {
  /** `redirect` (default) and `popup` also end the session at the identity provider; `local` only here. */
  mode?: LogoutMode
  returnTo?: string
}

const isSigningOut = (state: AuthState) => state.pending === 'logout'

/**
 * @example
 * <LogoutButton returnTo="/">Sign out</LogoutButton>
 */
export function LogoutButton({ mode, returnTo, children = 'Sign out', ...buttonProps }: LogoutButtonProps) {
  return (
    <AuthActionButton
      {...buttonProps}
      isBusy={isSigningOut}
      act={(client) => client.logout({ ...(mode !== undefined && { mode }), ...(returnTo !== undefined && { returnTo }) })}
    >
      {children}
    </AuthActionButton>
  )
}
