import { useEffect, useState, type ReactNode } from 'react'
import { createAuthClient, type AuthClient, type AuthClientConfig, type AuthState } from '@latchkey/core'
import { AuthContext } from './AuthContext.js'
import { useAuthSelector } from './useAuthSelector.js'

interface ProviderOwnProps {
  /** The app, or the part of it that uses latchkey. */
  children?: ReactNode
  /**
   * Shown instead of `children` while a sign-in callback completes, or while the app, loaded in a
   * popup or a silent iframe, hands the IdP's answer back to the window that asked. Default: nothing.
   * The children (and a router among them) never see the callback URL and its code.
   */
  callbackFallback?: ReactNode
}

/**
 * Props of `AuthProvider`: a `client` you built with `createAuthClient()`, or the options of
 * `createAuthClient()` themselves (see `AuthClientConfig`), from which the provider builds its own.
 */
export type AuthProviderProps =
  | ({
      /** The client to provide; whoever built it starts and disposes it as they see fit (the provider starts it too). */
      client: AuthClient
    } & ProviderOwnProps)
  | (AuthClientConfig & {
      /** Absent: the provider builds a client from the config props once, and disposes it on unmount. */
      client?: undefined
    } & ProviderOwnProps)

const isOnCallback = (state: AuthState) => state.pending === 'callback'

/**
 * Makes a latchkey client available below it and starts it (completing a sign-in callback or
 * restoring the session). A client it built from config props is disposed when it unmounts. Put it
 * outside the router: on a callback URL it renders `callbackFallback` instead of its children, and
 * the router first sees the page the user was going to.
 *
 * @example
 * const auth = createAuthClient({ authority: 'https://idp.example.com', clientId: 'spa' })
 * <AuthProvider client={auth}><App /></AuthProvider>
 *
 * @example
 * <AuthProvider authority="https://idp.example.com" clientId="spa"><App /></AuthProvider>
 */
export function AuthProvider(props: AuthProviderProps) {
  const { children, callbackFallback = null } = props
  // Config props build the client once; later prop changes are ignored, as a client's identity must not change.
  const [owned] = useState(() => {
    if (props.client) return { client: props.client, isOwn: false }
    const { children: _children, client: _client, callbackFallback: _fallback, ...config } = props
    return { client: createAuthClient(config), isOwn: true }
  })
  const { client, isOwn } = owned
  useEffect(() => {
    void client.start()
    // A client built here lives as long as this provider; one passed in belongs to whoever built it.
    return isOwn ? () => client.dispose() : undefined
  }, [client, isOwn])
  const onCallback = useAuthSelector(client, isOnCallback)
  return <AuthContext.Provider value={client}>{onCallback ? callbackFallback : children}</AuthContext.Provider>
}
