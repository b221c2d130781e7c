import type { AuthState, LogoutMode, LogoutResult } from '@latchkey/core'
import { AuthActionButton, type AuthButtonAttributes } from './AuthActionButton.js'

/** Props of `LogoutButton`; any other button attribute goes to the `<button>`. */
export interface LogoutButtonProps extends AuthButtonAttributes {
  /** `redirect` (default) and `popup` also end the session at the identity provider; `local` only here. */
  mode?: LogoutMode
  /** A path on this app to land on after sign-out. Default `/`. */
  returnTo?: string
  /**
   * Called once signed out, with what happened at the IdP: `idpSession: 'kept'` when it has no
   * end-session endpoint, so the app can say the user is still signed in there. Default: none.
   */
  onSignedOut?: (result: LogoutResult) => void
}

const isSigningOut = (state: AuthState) => state.pending === 'logout'

/**
 * A button that signs out; disabled while a sign-out is under way. Its text defaults to "Sign out".
 * A failure shows in `useAuth().error`.
 *
 * @example
 * <LogoutButton returnTo="/">Sign out</LogoutButton>
 */
export function LogoutButton({ mode, returnTo, onSignedOut, children = 'Sign out', ...buttonProps }: LogoutButtonProps) {
  return (
    <AuthActionButton
      {...buttonProps}
      isBusy={isSigningOut}
      act={(client) => client.logout({ ...(mode !== undefined && { mode }), ...(returnTo !== undefined && { returnTo }) }).then(onSignedOut)}
    >
      {children}
    </AuthActionButton>
  )
}
