import { ApiError } from './ApiError.js'

/** RFC 6750 §2.1: `Bearer` (any case), one or more spaces, then a token68. */
const bearerCredentials = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i
const bearerScheme = /^Bearer(?: |$)/i

/**
 * The access token of an `Authorization: Bearer …` header, or undefined when the request sends no
 * bearer credentials (no header, or another scheme: RFC 6750 §3.1 treats both as no authentication
 * at all). A `Bearer` header that is malformed throws `invalid_request`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1
 */
export function readBearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || !bearerScheme.test(authorization.trim())) return undefined
  const match = bearerCredentials.exec(authorization.trim())
  if (!match?.[1]) {
    throw new ApiError('invalid_request', 'The Authorization header must be "Bearer" followed by one access token.')
  }
  return match[1]
}
