import type { ButtonHTMLAttributes } from 'react'
import type { AuthClient, AuthState } from '@latchkey/core'
import { useAuthClient } from './useAuthClient.js'
import { useAuthSelector } from './useAuthSelector.js'

export type AuthButtonAttributes = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'onClick'>

interface AuthActionButtonProps extends AuthButtonAttributes {
  isBusy: (state: AuthState) => boolean
  act: (client: AuthClient) => Promise<unknown>
}

/** A button that runs one client action, disabled while it is under way; failures land in the client's state. */
export function AuthActionButton({ isBusy, act, disabled, ...buttonProps }: AuthActionButtonProps) {
  const client = useAuthClient()
  const busy = useAuthSelector(client, isBusy)
  return (
    <button
      {...buttonProps}
      type="button"
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      onClick={() => {
        act(client).catch(() => {
          // Kept in the client's state as `error`, where the app shows it.
        })
      }}
    />
  )
}
