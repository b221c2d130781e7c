import { isDPoPNonceError, ResponseBodyError, type TokenEndpointResponse } from 'oauth4webapi'
import { AuthError } from './AuthError.js'
import type { SessionLifecycle } from './createSessionLifecycle.js'
import type { DeviceAuthorization } from './DeviceAuthorization.js'
import { expiredDeviceCode, toDeviceError } from './toDeviceError.js'

/** RFC 8628 §3.2: the interval when the IdP sends none, and what each `slow_down` adds to it (§3.5). */
const defaultIntervalSeconds = 5
const slowDownSeconds = 5
/** The longest wait between two polls while the IdP cannot be reached. */
const maxBackoffMs = 60_000

/** The IdP's device authorization response, in the client's words. */
export interface StartedDeviceLogin {
  deviceCode: string
  userCode: string
  verificationUri: string
  verificationUriComplete: string | undefined
  expiresIn: number
  interval: number | undefined
}

export interface DevicePollParts {
  started: StartedDeviceLogin
  /** Any of them aborting cancels: the client's (sign-out, dispose) and the caller's. */
  signals: readonly AbortSignal[]
  lifecycle: Pick<SessionLifecycle, 'dispatch' | 'fail'>
  /** One poll of the token endpoint: tokens, or oauth4webapi's error. */
  request(deviceCode: string, signal: AbortSignal): Promise<TokenEndpointResponse>
  /** Checks the tokens and starts the session. */
  redeem(tokens: TokenEndpointResponse): Promise<void>
}

/**
 * Polls until the user answered on the other device (RFC 8628 §3.4, §3.5): every `interval` seconds,
 * 5 more after each `slow_down`, doubling the wait while the IdP cannot be reached, and never past
 * the code's expiry. The handle it returns is what `loginWithDeviceCode()` resolves with.
 */
export function pollDeviceCode({ started, signals, lifecycle, request, redeem }: DevicePollParts): DeviceAuthorization {
  const expiresAt = Date.now() + started.expiresIn * 1000
  const stopped = new AbortController()
  let interval = started.interval ?? defaultIntervalSeconds
  let failures = 0
  let nonceRetried = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let settle!: (error: AuthError | null) => void

  const signedIn = new Promise<void>((resolve, reject) => {
    settle = (error) => {
      if (stopped.signal.aborted) return
      stopped.abort()
      clearTimeout(timer)
      for (const signal of signals) signal.removeEventListener('abort', cancel)
      if (!error) return resolve()
      // A cancel is the app's own doing, not an error to show; the IdP's answers are.
      if (error.code === 'cancelled') lifecycle.dispatch({ type: 'settled' })
      else lifecycle.fail(error, 'Device sign-in failed')
      reject(error)
    }
  })
  // An app that cancels need not also catch: the rejection is still there for whoever awaits it.
  signedIn.catch(() => undefined)

  function cancel(): void {
    settle(new AuthError('cancelled', 'The device sign-in was cancelled.'))
  }

  function wait(ms: number): void {
    const left = expiresAt - Date.now()
    if (left <= 0) return settle(expiredDeviceCode())
    timer = setTimeout(() => void tick(), Math.min(ms, left))
  }

  async function tick(): Promise<void> {
    if (Date.now() >= expiresAt) return settle(expiredDeviceCode())
    let tokens: TokenEndpointResponse
    try {
      tokens = await request(started.deviceCode, stopped.signal)
    } catch (err) {
      if (stopped.signal.aborted) return
      return answer(err)
    }
    if (stopped.signal.aborted) return
    try {
      await redeem(tokens)
      settle(null)
    } catch (err) {
      settle(toDeviceError(err))
    }
  }

  function answer(err: unknown): void {
    // RFC 9449 §8: the IdP wants its DPoP nonce in the proof; the DPoP handle has it now, so ask again at once, once.
    const retryNonce = isDPoPNonceError(err) && !nonceRetried
    nonceRetried = retryNonce
    if (retryNonce) return wait(0)
    const error = toDeviceError(err)
    if (err instanceof ResponseBodyError && err.error === 'authorization_pending') {
      failures = 0
      return wait(interval * 1000)
    }
    if (err instanceof ResponseBodyError && err.error === 'slow_down') {
      failures = 0
      interval += slowDownSeconds
      return wait(interval * 1000)
    }
    // RFC 8628 §3.5: on a connection failure back off exponentially, until the code expires.
    if (error.code === 'network' || error.code === 'timeout') {
      failures += 1
      return wait(Math.min(interval * 1000 * 2 ** failures, maxBackoffMs))
    }
    settle(error)
  }

  for (const signal of signals) {
    if (signal.aborted) {
      cancel()
      break
    }
    signal.addEventListener('abort', cancel, { once: true })
  }
  wait(interval * 1000)

  return {
    userCode: started.userCode,
    verificationUri: started.verificationUri,
    verificationUriComplete: started.verificationUriComplete,
    expiresAt,
    get interval() {
      return interval
    },
    signedIn,
    cancel,
  }
}
