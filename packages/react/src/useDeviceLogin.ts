import { useCallback, useEffect, useRef, useState } from 'react'
import { AuthError, isAuthError, type DeviceAuthorization, type DeviceLoginOptions } from '@latchkey/core'
import { useAuthClient } from './useAuthClient.js'

/**
 * Where a device sign-in stands: `idle` (none, or cancelled), `starting` (asking the IdP for a code),
 * `pending` (the code is on screen, waiting for the user), `signed-in`, or `error` (refused, expired,
 * or anything else, with the AuthError).
 */
export type DeviceLoginState =
  | {
      /** No sign-in under way: none started yet, or it was cancelled. */
      readonly status: 'idle'
    }
  | {
      /** Asking the IdP for a code. */
      readonly status: 'starting'
    }
  | {
      /** The code is on screen; waiting for the user to sign in on another device. */
      readonly status: 'pending'
      /** The code, where to enter it, and when it expires. */
      readonly device: DeviceAuthorization
    }
  | {
      /** The user signed in; the session is the client's now. */
      readonly status: 'signed-in'
    }
  | {
      /** The sign-in failed: refused, expired, or could not start. */
      readonly status: 'error'
      /** Why: `access_denied`, `device_code_expired`, `config`, … */
      readonly error: AuthError
    }

/** What `useDeviceLogin()` returns. */
export interface UseDeviceLoginResult {
  /** Where the sign-in stands. */
  readonly state: DeviceLoginState
  /** Asks for a new code, cancelling the one on screen if any. */
  start(options?: Omit<DeviceLoginOptions, 'signal'>): void
  /** Stops waiting for the user; the state becomes `idle`. */
  cancel(): void
}

const idle: DeviceLoginState = { status: 'idle' }
const starting: DeviceLoginState = { status: 'starting' }
const signedIn: DeviceLoginState = { status: 'signed-in' }

function failed(error: unknown): DeviceLoginState {
  return { status: 'error', error: isAuthError(error) ? error : new AuthError('unknown', 'Device sign-in failed', { cause: error }) }
}

/**
 * A device sign-in (needs `deviceCode()` from `@latchkey/react/device-code`): `start()` asks the IdP
 * for a code, `state` holds it while the user signs in on another device, then `signed-in` or the
 * error. Unmounting cancels the sign-in, so no poll outlives the screen that showed the code.
 *
 * @example
 * const { state, start } = useDeviceLogin()
 * if (state.status === 'pending') return <p>Go to {state.device.verificationUri} and enter {state.device.userCode}</p>
 * return <button onClick={() => start()}>Sign in with your phone</button>
 */
export function useDeviceLogin(): UseDeviceLoginResult {
  const client = useAuthClient()
  const [state, setState] = useState<DeviceLoginState>(idle)
  // Each start() is a run; answers for a run that is no longer current are dropped, and its code cancelled.
  const run = useRef<{ id: number; device: DeviceAuthorization | null }>({ id: 0, device: null })

  const stop = useCallback((): void => {
    const current = run.current
    run.current = { id: current.id + 1, device: null }
    current.device?.cancel()
  }, [])

  const start = useCallback(
    (options?: Omit<DeviceLoginOptions, 'signal'>): void => {
      stop()
      const id = run.current.id
      const isCurrent = () => run.current.id === id
      setState(starting)
      // A microtask later: StrictMode mounts, unmounts and mounts again in one go, and a start() from
      // an effect then asks the IdP for one code, not one more that is cancelled at once.
      queueMicrotask(() => {
        if (!isCurrent()) return
        client.loginWithDeviceCode(options).then(
          (device) => {
            if (!isCurrent()) return device.cancel()
            run.current.device = device
            setState({ status: 'pending', device })
            device.signedIn.then(
              () => isCurrent() && setState(signedIn),
              (error: unknown) => isCurrent() && setState(isAuthError(error) && error.code === 'cancelled' ? idle : failed(error)),
            )
          },
          (error: unknown) => isCurrent() && setState(failed(error)),
        )
      })
    },
    [client, stop],
  )

  const cancel = useCallback((): void => {
    stop()
    setState(idle)
  }, [stop])

  useEffect(() => stop, [stop])

  return { state, start, cancel }
}
