import type { AuthState, LogoutMode } from '@latchkey/core'
import { AuthActionButton, type AuthButtonAttributes } from './AuthActionButton.js'

/** Props of `LogoutButton`; any other button attribute goes to the `<button>`. */
export interface LogoutButtonProps extends AuthButtonAttributes {
  /** `redirect` (default) and `popup` also end the session at the identity provider; `local` only here. */
  mode?: LogoutMode
  /** A path on this app to land on after sign-out. Default `/`. */
  returnTo?: string
}

const isSigningOut = (state: AuthState) => state.pending === 'logout'

/**
 * A button that signs out; disabled while a sign-out is under way. Its text defaults to "Sign out".
 * A failure shows in `useAuth().error`.
 *
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
