import { AuthError } from './AuthError.js'
import { dev } from './dev.js'

/**
 * Mix-up defence (RFC 9207): when the IdP says it sends `iss` with authorization responses, the
 * response must carry it and it must be this IdP.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9207#section-2.4
 */
export function verifyResponseIssuer(callbackUrl: string, issuer: string, issParameterSupported: boolean): void {
  const iss = new URL(callbackUrl).searchParams.get('iss')
  if (iss === null) {
    if (issParameterSupported) {
      throw new AuthError('invalid_token', dev ? `The sign-in response has no "iss" parameter, though ${issuer} announces it (RFC 9207).` : '')
    }
    return
  }
  if (iss !== issuer) {
    // The attacker chose `iss`: it stays in `cause`, out of a message an app may show.
    throw new AuthError('invalid_token', dev ? `The sign-in response names another issuer than ${issuer}: possible mix-up attack.` : '', {
      cause: { expected: issuer, actual: iss },
    })
  }
}
