import { useEffect, useState, type ReactNode } from 'react'
import { createAuthClient, type AuthClient, type AuthClientConfig } from '@latchkey/core'
import { AuthContext } from './AuthContext.js'

/**
 * Props of `AuthProvider`: a `client` you built with `createAuthClient()`, or the options of
 * `createAuthClient()` themselves (see `AuthClientConfig`), from which the provider builds its own.
 */
export type AuthProviderProps =
  | {
      /** The client to provide; whoever built it starts and disposes it as they see fit (the provider starts it too). */
      client: AuthClient
      /** The app, or the part of it that uses latchkey. */
      children?: ReactNode
    }
  | (AuthClientConfig & {
      /** Absent: the provider builds a client from the config props once, and disposes it on unmount. */
      client?: undefined
      /** The app, or the part of it that uses latchkey. */
      children?: ReactNode
    })

/**
 * Makes a latchkey client available below it and starts it (completing a sign-in callback or
 * restoring the session). A client it built from config props is disposed when it unmounts.
 *
 * @example
 * const auth = createAuthClient({ authority: 'https://idp.example.com', clientId: 'spa' })
 * <AuthProvider client={auth}><App /></AuthProvider>
 *
 * @example
 * <AuthProvider authority="https://idp.example.com" clientId="spa"><App /></AuthProvider>
 */
export function AuthProvider(props: AuthProviderProps) {
  const { children } = props
  // Config props build the client once; later prop changes are ignored, as a client's identity must not change.
  const [owned] = useState(() => {
    if (props.client) return { client: props.client, isOwn: false }
    const { children: _children, client: _client, ...config } = props
    return { client: createAuthClient(config), isOwn: true }
  })
  const { client, isOwn } = owned
  useEffect(() => {
    void client.start()
    // A client built here lives as long as this provider; one passed in belongs to whoever built it.
    return isOwn ? () => client.dispose() : undefined
  }, [client, isOwn])
  return <AuthContext.Provider value={client}>{children}</AuthContext.Provider>
}
