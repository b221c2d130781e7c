import {
  allowInsecureRequests,
  deviceAuthorizationRequest,
  deviceCodeGrantRequest,
  DPoP,
  None,
  processDeviceAuthorizationResponse,
  processDeviceCodeResponse,
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
import type { DeviceLoginOptions } from './DeviceAuthorization.js'
import type { DpopBinding } from './dpop.js'
import { dev } from './dev.js'
import type { ResolvedConfig } from './resolveConfig.js'
import { scopesOf } from './Session.js'
import { pollDeviceCode } from './pollDeviceCode.js'
import { toDeviceError } from './toDeviceError.js'
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
      return pollDeviceCode({
        started: {
          deviceCode: started.device_code,
          userCode: started.user_code,
          verificationUri: started.verification_uri,
          verificationUriComplete: started.verification_uri_complete,
          expiresIn: started.expires_in,
          interval: started.interval,
        },
        lifecycle,
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

