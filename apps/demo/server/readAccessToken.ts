import { ApiError } from './ApiError.js'

export type TokenScheme = 'Bearer' | 'DPoP'

export interface PresentedToken {
  /** `Bearer` (RFC 6750), or `DPoP` for a token bound to the client's key (RFC 9449 §7.1). */
  scheme: TokenScheme
  token: string
}

/** `Bearer` or `DPoP` (any case), one or more spaces, then a token68. */
const credentials = /^(Bearer|DPoP) +([A-Za-z0-9\-._~+/]+=*) *$/i
const knownScheme = /^(Bearer|DPoP)(?: |$)/i

/**
 * The access token of an `Authorization: Bearer …` or `Authorization: DPoP …` header, or undefined
 * when the request sends neither (no header, or another scheme: RFC 6750 §3.1 treats both as no
 * authentication at all). A `Bearer` or `DPoP` header that is malformed throws `invalid_request`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-7.1
 */
export function readAccessToken(authorization: string | undefined): PresentedToken | undefined {
  const scheme = authorization === undefined ? undefined : knownScheme.exec(authorization.trim())?.[1]
  if (scheme === undefined) return undefined
  const match = credentials.exec(authorization?.trim() ?? '')
  const named: TokenScheme = scheme.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer'
  if (!match?.[2]) {
    throw new ApiError('invalid_request', `The Authorization header must be "${named}" followed by one access token.`)
  }
  return { scheme: named, token: match[2] }
}
