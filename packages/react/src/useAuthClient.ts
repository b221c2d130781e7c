import { useContext } from 'react'
import type { AuthClient } from '@latchkey/core'
import { AuthContext } from './AuthContext.js'
import { dev } from './dev.js'

/**
 * The client from the nearest AuthProvider, for calls outside rendering (event handlers, effects).
 *
 * @example
 * const auth = useAuthClient()
 * const onClick = () => void auth.renew()
 */
export function useAuthClient(): AuthClient {
  const client = useContext(AuthContext)
  if (!client) {
    throw new Error(
      dev
        ? 'latchkey: useAuth, useAuthClient and the latchkey components must be used inside <AuthProvider>. Wrap your app in <AuthProvider client={auth}>.'
        : 'latchkey: no <AuthProvider> above.',
    )
  }
  return client
}
