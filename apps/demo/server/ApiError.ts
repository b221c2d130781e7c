/**
 * The API's error codes, sent as `error` in every error body. `invalid_request`, `invalid_token` and
 * `insufficient_scope` are RFC 6750's (§3.1) and appear in the `WWW-Authenticate` challenge too, so a
 * client can act on the header alone; `missing_token` gets a challenge without an error attribute.
 */
export type ApiErrorCode =
  | 'missing_token'
  | 'invalid_request'
  | 'invalid_token'
  | 'invalid_dpop_proof'
  | 'insufficient_scope'
  | 'invalid_body'
  | 'not_found'
  | 'method_not_allowed'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'temporarily_unavailable'

const statusByCode: Record<ApiErrorCode, number> = {
  missing_token: 401,
  invalid_request: 400,
  invalid_body: 400,
  invalid_token: 401,
  invalid_dpop_proof: 401,
  insufficient_scope: 403,
  not_found: 404,
  method_not_allowed: 405,
  unsupported_media_type: 415,
  payload_too_large: 413,
  temporarily_unavailable: 503,
}

export interface ApiErrorOptions extends ErrorOptions {
  /** For `insufficient_scope`: the scope the route needs, named in the challenge so the client knows what to ask for. */
  scope?: string
  /** For `method_not_allowed`: the methods the path does answer. */
  allow?: readonly string[]
}

/** A request the API refuses; the handler turns it into a JSON error response with the right status and headers. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly code: ApiErrorCode
  readonly status: number
  readonly scope: string | undefined
  readonly allow: readonly string[] | undefined

  constructor(code: ApiErrorCode, description: string, { scope, allow, ...options }: ApiErrorOptions = {}) {
    super(description, options)
    this.code = code
    this.status = statusByCode[code]
    this.scope = scope
    this.allow = allow
  }
}
