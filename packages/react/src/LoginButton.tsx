import type { AuthState, LoginMode, LoginOptions } from '@latchkey/core'
import { AuthActionButton, type AuthButtonAttributes } from './AuthActionButton.js'

/** Props of `LoginButton`; any other button attribute (`className`, `disabled`, …) goes to the `<button>`. */
export interface LoginButtonProps extends AuthButtonAttributes {
  /** `redirect` (default) or `popup` (needs `popup()`). */
  mode?: LoginMode
  /** Where to land after sign-in; defaults to the current page. */
  returnTo?: string
  /** The other `login()` options, such as `scope` or `prompt`. Default: none. */
  options?: Omit<LoginOptions, 'mode' | 'returnTo'>
}

const isSigningIn = (state: AuthState) => state.pending === 'login'

/**
 * A button that starts sign-in; disabled while one is under way. A failure shows in `useAuth().error`.
 * With `mode="popup"` the popup opens within the click, so popup blockers let it through.
 *
 * @example
 * <LoginButton returnTo="/profile">Sign in</LoginButton>
 */
export function LoginButton({ mode, returnTo, options, children = 'Sign in', ...buttonProps }: LoginButtonProps) {
  return (
    <AuthActionButton
      {...buttonProps}
      isBusy={isSigningIn}
      act={(client) => client.login({ ...options, ...(mode !== undefined && { mode }), ...(returnTo !== undefined && { returnTo }) })}
    >
      {children}
    </AuthActionButton>
  )
}
