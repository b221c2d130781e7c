import { AuthError } from './AuthError.js'
import { waitForCallback } from './callbackChannel.js'
import type { Protocol } from './createProtocol.js'
import type { ResolvedConfig } from './resolveConfig.js'
import type { Session } from './Session.js'
import { toAuthError } from './toAuthError.js'

/**
 * Runs an authorization request with `prompt=none` in a hidden iframe and resolves with the URL the
 * IdP sent it back to. Used only when there is no refresh token.
 */
export async function renewInIframe(authorizationUrl: string, state: string, timeoutMs = 10_000): Promise<string> {
  const wait = waitForCallback(state)
  const iframe = document.createElement('iframe')
  iframe.hidden = true
  iframe.title = 'latchkey silent renewal'
  iframe.setAttribute('aria-hidden', 'true')
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AuthError(
            'timeout',
            `Silent renewal got no answer from the identity provider within ${timeoutMs / 1000} s. Browsers that block third-party cookies or framing can stop it; request the offline_access scope so a refresh token is used instead.`,
          ),
        ),
      timeoutMs,
    )
  })
  iframe.src = authorizationUrl
  document.body.appendChild(iframe)
  try {
    return await Promise.race([wait.result, timedOut])
  } finally {
    clearTimeout(timer)
    wait.cancel()
    iframe.remove()
  }
}

/** The error for a silent renewal the IdP refused: usually a real sign-out, sometimes blocked cookies. */
export function silentRenewalRefused(cause: AuthError): AuthError {
  return new AuthError(
    cause.code,
    `Silent renewal was refused (${cause.code}). If you are still signed in at the identity provider, this browser is probably blocking its cookies inside the hidden iframe (third-party cookie blocking): request the offline_access scope so a refresh token is used, or serve the IdP from the same site as the app.`,
    { description: cause.description, cause },
  )
}

/** Renewal without a refresh token: the next version of `current`, from a `prompt=none` sign-in in a hidden iframe. */
export async function renewSilently(protocol: Protocol, config: ResolvedConfig, current: Session): Promise<Session> {
  const request = await protocol.signinRequest({ prompt: 'none', returnTo: '/' }, current.scopes, true)
  const url = await renewInIframe(request.url, request.state, config.requestTimeoutSeconds * 1000)
  try {
    const { session } = await protocol.redeem(url)
    if (session.profile.sub !== current.profile.sub) throw new AuthError('invalid_token', 'The renewed ID token is for another user.')
    return { ...session, lineage: current.lineage, version: current.version + 1 }
  } catch (err) {
    const error = toAuthError(err, 'Silent renewal failed')
    throw ['login_required', 'interaction_required', 'consent_required'].includes(error.code) ? silentRenewalRefused(error) : error
  }
}
