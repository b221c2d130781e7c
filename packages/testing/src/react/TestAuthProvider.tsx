import { useEffect, useState, type ReactNode } from 'react'
import { AuthProvider } from '@latchkey/react'
import { createTestAuthClient, type TestAuthClient, type TestAuthClientOptions } from '../createTestAuthClient.js'

/** Props of `TestAuthProvider`: the options of `createTestAuthClient()`, or a `client` built with it. */
export type TestAuthProviderProps =
  | (TestAuthClientOptions & {
      /** Absent: the provider builds a test client from the other props once. */
      client?: undefined
      /** The components under test. */
      children?: ReactNode
    })
  | {
      /** A test client you built, to assert on its `calls`. */
      client: TestAuthClient
      /** The components under test. */
      children?: ReactNode
    }

/**
 * `AuthProvider` with a test client: no network, no storage. Give it the options of
 * `createTestAuthClient` (most often just `user`), or a client you built to assert on its `calls`.
 * Options are read once, as `AuthProvider` reads its config; change the user with `client.setUser`.
 * A client it built is disposed when it unmounts (its idle timer stops); one you pass is yours to dispose.
 *
 * @example
 * render(<TestAuthProvider user={{ profile: { sub: 'ada', name: 'Ada' } }}><OrdersPage /></TestAuthProvider>)
 */
export function TestAuthProvider(props: TestAuthProviderProps) {
  const [[client, isOwn]] = useState((): [TestAuthClient, boolean] => {
    if (props.client) return [props.client, false]
    const { children: _children, client: _client, ...options } = props
    return [createTestAuthClient(options), true]
  })
  // After AuthProvider's start() (children's effects run first), so StrictMode's second mount starts it again.
  useEffect(() => (isOwn ? () => client.dispose() : undefined), [client, isOwn])
  return <AuthProvider client={client}>{props.children}</AuthProvider>
}
