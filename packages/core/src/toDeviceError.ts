import { ResponseBodyError } from 'oauth4webapi'
import { AuthError } from './AuthError.js'
import { toAuthError } from './toAuthError.js'

/** The device sign-in ended without an answer from the user. */
export function expiredDeviceCode(): AuthError {
  return new AuthError('device_code_expired', 'The code expired before anyone signed in with it. Ask for a new code.')
}

/** The IdP's answers by their RFC 8628 names, oauth4webapi's own checks as `invalid_token` or `idp_error`. */
export function toDeviceError(err: unknown): AuthError {
  if (err instanceof ResponseBodyError) {
    const description = err.error_description?.slice(0, 200)
    if (err.error === 'expired_token') return new AuthError('device_code_expired', expiredDeviceCode().message, { description, cause: err })
    if (err.error === 'access_denied') return new AuthError('access_denied', 'The sign-in on the other device was refused.', { description, cause: err })
    return new AuthError('idp_error', `Device sign-in failed: the identity provider answered ${err.error.slice(0, 60)}${description ? ` (${description})` : ''}.`, { description, cause: err })
  }
  if (err instanceof Error && err.name === 'OperationProcessingError' && /JWT|ID Token|claim/i.test(err.message)) {
    return new AuthError('invalid_token', `Device sign-in failed: ${err.message.slice(0, 200)}.`, { cause: err })
  }
  return toAuthError(err, 'Device sign-in failed')
}
