import { useCallback, useEffect, useSyncExternalStore } from 'react'
import type { AuthError } from '@latchkey/core'
import { useAuthClient } from './useAuthClient.js'
import { useAuthSelector } from './useAuthSelector.js'

/**
 * The current access token for rendering, or null while there is none. Re-renders only when the
 * token itself changes (a renewal), not on other state changes; an expired token is renewed.
 *
 * @example
 * const token = useAccessToken()
 * useEffect(() => { if (token) void load(token) }, [token])
 */
export function useAccessToken(): string | null {
  const client = useAuthClient()
  const subscribe = useCallback((listener: () => void) => client.subscribe(listener), [client])
  const token = useSyncExternalStore(subscribe, client.peekAccessToken, client.peekAccessToken)
  const isAuthenticated = useAuthSelector(client, (state) => state.status === 'authenticated')
  useEffect(() => {
    if (token === null && isAuthenticated) {
      client.getAccessToken().catch((_error: AuthError) => {
        // The failure is in the client's state, where the app shows it.
      })
    }
  }, [client, token, isAuthenticated])
  return token
}
