import { useMemo } from 'react'
import type { AuthClient } from '@latchkey/core'
import { useAuthClient } from './useAuthClient.js'

/**
 * `fetch` with the bearer token, one renewal and retry on 401, and step-up on 403 insufficient_scope.
 * Stable across renders.
 *
 * @example
 * const authFetch = useAuthFetch()
 * const orders = await (await authFetch('/api/orders')).json()
 */
export function useAuthFetch(): AuthClient['fetch'] {
  const client = useAuthClient()
  return useMemo(() => client.fetch.bind(client), [client])
}
