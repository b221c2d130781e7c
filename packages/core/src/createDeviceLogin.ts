import {
  allowInsecureRequests,
  deviceAuthorizationRequest,
  DPoP,
  isDPoPNonceError,
  deviceCodeGrantRequest,
  None,
  processDeviceAuthorizationResponse,
  processDeviceCodeResponse,
  ResponseBodyError,
  type AuthorizationServer,
  type Client,
  type TokenEndpointResponse,
} from 'oauth4webapi'
import type { AuthClient } from './AuthClient.js'
import { AuthError } from './AuthError.js'
import { configuredScopes } from './configuredScopes.js'
import type { Protocol } from './createProtocol.js'
import type { SessionHolder } from './createSessionHolder.js'
import type { SessionLifecycle } from './createSessionLifecycle.js'
import type { DeviceAuthorization, DeviceLoginOptions } from './DeviceAuthorization.js'
import type { DpopBinding } from './dpop.js'
import { dev } from './dev.js'
import type { ResolvedConfig } from './resolveConfig.js'
import { scopesOf } from './Session.js'
import { toAuthError } from './toAuthError.js'
import { withDeadline } from './withDeadline.js'

export interface DeviceLoginParts {
  config: ResolvedConfig
  protocol: Protocol
  holder: SessionHolder
  lifecycle: SessionLifecycle
  /** With the DPoP feature, the tokens are bound to its key as a redirect sign-in's are. */
  dpop: DpopBinding | null
  /** The client's `start()`: a sign-in begins after the stored session was restored, never racing it. */
  start(): Promise<void>
}

/** RFC 8628 §3.2: the interval when the IdP sends none, and what each `slow_down` adds to it (§3.5). */
const defaultIntervalSeconds = 5
const slowDownSeconds = 5
/** The longest wait between two polls while the IdP cannot be reached. */
const maxBackoffMs = 60_000

/** `auth.loginWithDeviceCode()`: asks for a code, then polls the token endpoint until the user has answered. */
export function createDeviceLogin({ config, protocol, holder, lifecycle, dpop, start }: DeviceLoginParts): AuthClient['loginWithDeviceCode'] {
  const deadlineMs = config.requestTimeoutSeconds * 1000
  const client: Client = { client_id: config.clientId }

  async function authorizationServer(): Promise<AuthorizationServer> {
    const document = (await protocol.metadata()) as Record<string, unknown>
    const endpoint = document['device_authorization_endpoint']
    if (typeof endpoint !== 'string') {
      throw new AuthError(
        'config',
        dev
          ? `The identity provider at ${config.issuer} announces no device_authorization_endpoint. Turn on the device authorization grant (RFC 8628) there and allow it to client "${config.clientId}", or name the endpoint in createAuthClient({ metadataSeed: { device_authorization_endpoint } }).`
          : 'The identity provider has no device authorization endpoint.',
      )
    }
    return { ...document, issuer: config.issuer, device_authorization_endpoint: endpoint } as AuthorizationServer
  }

  return async (options: DeviceLoginOptions = {}) => {
    await start()
    const cancelled = lifecycle.popupSignal()
    const generation = holder.generation()
    lifecycle.dispatch({ type: 'started', activity: 'login' })
    try {
      const as = await authorizationServer()
      dpop?.checkIdp(as as Record<string, unknown>, config.issuer)
      const proofs = dpop ? { DPoP: DPoP(client, await dpop.keyPair()) } : {}
      // The app's own authority decides: an http authority (a loopback IdP in development) is accepted by resolveConfig.
      const http = { [allowInsecureRequests]: as.issuer.startsWith('http:') }
      const scope = [...new Set([...configuredScopes(config, as.scopes_supported), ...scopesOf(options.scope)])].join(' ')
      const started = await withDeadline(
        deviceAuthorizationRequest(as, client, None(), { scope }, http).then((response) => processDeviceAuthorizationResponse(as, client, response)),
        deadlineMs,
        'Starting the device sign-in',
      )
      return poll({
        as,
        started: { deviceCode: started.device_code, userCode: started.user_code, verificationUri: started.verification_uri, verificationUriComplete: started.verification_uri_complete, expiresIn: started.expires_in, interval: started.interval },
        scope,
        signals: [cancelled, ...(options.signal ? [options.signal] : [])],
        redeem: async (tokens) => {
          const session = await protocol.sessionOf(toTokenAnswer(tokens), scope)
          lifecycle.adoptSignin(session, generation, undefined)
        },
        request: (deviceCode, signal) =>
          withDeadline(
            deviceCodeGrantRequest(as, client, None(), deviceCode, { ...http, ...proofs, signal }).then((response) => processDeviceCodeResponse(as, client, response)),
            deadlineMs,
            'Polling for the device sign-in',
          ),
      })
    } catch (err) {
      throw lifecycle.fail(toDeviceError(err), 'Could not start the device sign-in')
    }
  }

  interface Started {
    deviceCode: string
    userCode: string
    verificationUri: string
    verificationUriComplete: string | undefined
    expiresIn: number
    interval: number | undefined
  }

  interface PollParts {
    as: AuthorizationServer
    started: Started
    scope: string
    signals: readonly AbortSignal[]
    request(deviceCode: string, signal: AbortSignal): Promise<TokenEndpointResponse>
    redeem(tokens: TokenEndpointResponse): Promise<void>
  }

  function poll({ started, signals, request, redeem }: PollParts): DeviceAuthorization {
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
      if (left <= 0) return settle(expired())
      timer = setTimeout(() => void tick(), Math.min(ms, left))
    }

    async function tick(): Promise<void> {
      if (Date.now() >= expiresAt) return settle(expired())
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
}

function expired(): AuthError {
  return new AuthError('device_code_expired', 'The code expired before anyone signed in with it. Ask for a new code.')
}

/** The schemes' usual spelling: oauth4webapi lowercases `token_type`, and the session keeps it for the Authorization header. */
const tokenTypes: Readonly<Record<string, string>> = { bearer: 'Bearer', dpop: 'DPoP' }

/** The token response as the session builder reads it: oauth4webapi gives seconds to live, not a time. */
function toTokenAnswer(tokens: TokenEndpointResponse): Parameters<Protocol['sessionOf']>[0] {
  return {
    access_token: tokens.access_token,
    token_type: tokenTypes[tokens.token_type] ?? tokens.token_type,
    id_token: tokens.id_token,
    refresh_token: tokens.refresh_token,
    scope: tokens.scope,
    expires_at: tokens.expires_in === undefined ? undefined : Math.floor(Date.now() / 1000) + tokens.expires_in,
  }
}

/** The IdP's answers by their RFC 8628 names, oauth4webapi's own checks as `invalid_token` or `idp_error`. */
function toDeviceError(err: unknown): AuthError {
  if (err instanceof ResponseBodyError) {
    const description = err.error_description?.slice(0, 200)
    if (err.error === 'expired_token') return new AuthError('device_code_expired', 'The code expired before anyone signed in with it. Ask for a new code.', { description, cause: err })
    if (err.error === 'access_denied') return new AuthError('access_denied', 'The sign-in on the other device was refused.', { description, cause: err })
    return new AuthError('idp_error', `Device sign-in failed: the identity provider answered ${err.error.slice(0, 60)}${description ? ` (${description})` : ''}.`, { description, cause: err })
  }
  if (err instanceof Error && err.name === 'OperationProcessingError' && /JWT|ID Token|claim/i.test(err.message)) {
    return new AuthError('invalid_token', `Device sign-in failed: ${err.message.slice(0, 200)}.`, { cause: err })
  }
  return toAuthError(err, 'Device sign-in failed')
}
