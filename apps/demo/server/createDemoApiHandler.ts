import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'

import { ApiError } from './ApiError.js'
import type { TokenVerifier } from './createTokenVerifier.js'
import type { DpopProofCheck } from './checkDpopProof.js'
import type { RequestJournal } from './createRequestJournal.js'
import { journalPath, type Route, type RouteReply } from './createDemoApiRoutes.js'
import { formatBearerChallenge } from './formatBearerChallenge.js'
import { readAccessToken, type TokenScheme } from './readAccessToken.js'
import { sendJson } from './sendJson.js'

export interface DemoApiHandlerOptions {
  routes: readonly Route[]
  verifier: TokenVerifier
  /** Checks the DPoP proof of a request that carries a DPoP-bound token. */
  checkDpopProof: DpopProofCheck
  journal: RequestJournal
  /** The `realm` of every Bearer challenge. */
  realm: string
}

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => Promise<void>

/**
 * Answers one request: finds its route, checks the bearer token and scope the route needs, runs it,
 * and turns refusals into RFC 6750 responses. Every request but the journal's own is journaled.
 */
export function createDemoApiHandler({ routes, verifier, checkDpopProof, journal, realm }: DemoApiHandlerOptions): RequestListener {
  async function reply(request: IncomingMessage, path: string, scheme: { used: TokenScheme }): Promise<RouteReply> {
    const candidates = routes.filter((route) => route.path === path)
    if (candidates.length === 0) throw new ApiError('not_found', `No route for ${path}.`)
    const route = candidates.find((candidate) => candidate.method === request.method)
    if (route === undefined) {
      const allow = candidates.map((candidate) => candidate.method)
      throw new ApiError('method_not_allowed', `${path} answers ${allow.join(', ')}.`, { allow })
    }
    if (route.access === 'public') return route.handle(request)

    const presented = readAccessToken(request.headers.authorization)
    if (presented === undefined) {
      throw new ApiError('missing_token', 'This route needs an access token: send Authorization: Bearer <token> (or DPoP <token> with its proof).')
    }
    scheme.used = presented.scheme
    const accessToken = await verifier.verify(presented.token)
    if (accessToken.boundTo !== undefined) scheme.used = 'DPoP'
    // RFC 9449 §7.2: a bound token is worth nothing without a proof of its key; and a DPoP proof cannot vouch for a bearer token.
    if ((accessToken.boundTo === undefined) !== (presented.scheme === 'Bearer')) {
      throw new ApiError('invalid_token', 'A DPoP-bound access token goes as Authorization: DPoP <token> with a proof, a bearer token as Bearer <token>.')
    }
    if (accessToken.boundTo !== undefined) await checkDpopProof(request, presented.token, accessToken.boundTo)
    if (route.scope !== undefined && !accessToken.scopes.includes(route.scope)) {
      throw new ApiError('insufficient_scope', `This route needs the ${route.scope} scope.`, { scope: route.scope })
    }
    return route.handle(request, accessToken)
  }

  return async (request, response) => {
    const at = new Date().toISOString()
    // Only the path: a query string may carry secrets and no route reads one.
    const path = new URL(request.url ?? '/', 'http://api.invalid').pathname
    const scheme: { used: TokenScheme } = { used: 'Bearer' }
    try {
      const { status, body } = await reply(request, path, scheme)
      if (body === undefined) response.writeHead(status, { 'Cache-Control': 'no-store' }).end()
      else sendJson(response, status, body)
    } catch (error) {
      if (error instanceof ApiError) {
        sendJson(response, error.status, { error: error.code, error_description: error.message }, errorHeaders(error, realm, scheme.used))
      } else {
        console.error('demo API: unexpected error', error)
        sendJson(response, 500, { error: 'server_error', error_description: 'The demo API failed; see its log.' })
      }
    }
    if (path !== journalPath) journal.record({ at, method: request.method ?? '', path, status: response.statusCode })
  }
}

function errorHeaders(error: ApiError, realm: string, scheme: TokenScheme): OutgoingHttpHeaders {
  switch (error.code) {
    case 'missing_token':
      // Both schemes are accepted, so both are offered (RFC 9449 §7.1).
      return { 'WWW-Authenticate': `${formatBearerChallenge(realm)}, ${formatBearerChallenge(realm, { scheme: 'DPoP' })}` }
    case 'invalid_request':
    case 'invalid_token':
    case 'invalid_dpop_proof':
      return { 'WWW-Authenticate': formatBearerChallenge(realm, { scheme, error: error.code, errorDescription: error.message }) }
    case 'insufficient_scope':
      return { 'WWW-Authenticate': formatBearerChallenge(realm, { scheme, error: error.code, scope: error.scope ?? '' }) }
    case 'method_not_allowed':
      return { Allow: (error.allow ?? []).join(', ') }
    default:
      return {}
  }
}
