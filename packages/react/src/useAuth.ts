import { useMemo } from 'react'
import type { AuthClient, AuthState } from '@latchkey/core'
import { useAuthClient } from './useAuthClient.js'
import { useAuthSelector } from './useAuthSelector.js'

/** What `useAuth()` without a selector returns: the state, and the client's most used methods. */
export interface UseAuthResult extends AuthState {
  /** True when `status` is `authenticated`. */
  readonly isAuthenticated: boolean
  /** The client's `login()`. */
  readonly login: AuthClient['login']
  /** The client's `logout()`. */
  readonly logout: AuthClient['logout']
  /** The client's `getAccessToken()`. */
  readonly getAccessToken: AuthClient['getAccessToken']
}

const identity = (state: AuthState): AuthState => state

/**
 * The auth state and actions. With a selector, the component re-renders only when what it selects
 * changes:
 *
 * @example
 * const { status, user, login, logout } = useAuth()
 * const name = useAuth((s) => s.user?.profile.name)
 */
export function useAuth(): UseAuthResult
export function useAuth<T>(selector: (state: AuthState) => T): T
export function useAuth<T>(selector?: (state: AuthState) => T): T | UseAuthResult {
  const client = useAuthClient()
  const selected: unknown = useAuthSelector<unknown>(client, selector ?? identity)
  const whole = selector ? null : (selected as AuthState)
  const result = useMemo(
    () =>
      whole && {
        ...whole,
        isAuthenticated: whole.status === 'authenticated',
        login: client.login,
        logout: client.logout,
        getAccessToken: client.getAccessToken,
      },
    [whole, client],
  )
  return result ?? (selected as T)
}
