import type { IdpFacts } from './DoctorCheck.js'

export interface ProbeOptions {
  authority: string
  clientId: string
  origin: string
  /** Each request's deadline. */
  timeoutMs: number
}

/** The discovery request's outcome: the facts the checks read, or why there are none. */
export type ProbeResult = { ok: true; facts: IdpFacts; discoveryUrl: string; allowsOrigin: boolean } | { ok: false; discoveryUrl: string; problem: string }

function allows(response: Response, origin: string): boolean {
  const allowed = response.headers.get('access-control-allow-origin')
  return allowed === origin || allowed === '*'
}

/** Seconds the server's Date header is ahead of this machine's clock at the middle of the request. */
function clockOffset(response: Response, sentAt: number, receivedAt: number): number | null {
  const date = Date.parse(response.headers.get('date') ?? '')
  return Number.isNaN(date) ? null : (date - (sentAt + receivedAt) / 2) / 1000
}

/**
 * Asks the IdP what a browser app would: its discovery document (as the app's origin), then the token
 * endpoint's CORS answer to a preflight and to a refresh grant with a token that cannot exist, which
 * an IdP answers 400 without changing anything.
 */
export async function probeIdp({ authority, clientId, origin, timeoutMs }: ProbeOptions): Promise<ProbeResult> {
  // OpenID Connect Discovery §4: the issuer without a trailing slash, then the well-known path.
  const discoveryUrl = `${authority.replace(/\/+$/, '')}/.well-known/openid-configuration`
  const request = (url: string, init: RequestInit = {}) =>
    fetch(url, { ...init, headers: { Origin: origin, ...init.headers }, signal: AbortSignal.timeout(timeoutMs) })
  let discovery: Record<string, unknown>
  let response: Response
  const sentAt = Date.now()
  try {
    response = await request(discoveryUrl)
    if (!response.ok) return { ok: false, discoveryUrl, problem: `it answered ${response.status}` }
    discovery = (await response.json()) as Record<string, unknown>
    if (discovery === null || typeof discovery !== 'object') return { ok: false, discoveryUrl, problem: 'it is not a JSON object' }
  } catch (err) {
    return { ok: false, discoveryUrl, problem: err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : String(err) }
  }
  const clockOffsetSeconds = clockOffset(response, sentAt, Date.now())
  const tokenEndpoint = typeof discovery['token_endpoint'] === 'string' ? discovery['token_endpoint'] : null
  let tokenCors: IdpFacts['tokenCors'] = null
  if (tokenEndpoint) {
    try {
      const preflight = await request(tokenEndpoint, { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'POST' } })
      const post = await request(tokenEndpoint, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'latchkey-doctor-probe', client_id: clientId }),
      })
      const preflightAllowed = preflight.ok && allows(preflight, origin)
      const postAllowed = allows(post, origin)
      const detail = !preflightAllowed ? `its preflight answered ${preflight.status} without Access-Control-Allow-Origin for it` : `its answer to a POST (${post.status}) has no Access-Control-Allow-Origin for it`
      tokenCors = { preflightAllowed, postAllowed, detail }
    } catch (err) {
      tokenCors = { preflightAllowed: false, postAllowed: false, detail: err instanceof Error ? err.message : String(err) }
    }
  }
  return {
    ok: true,
    discoveryUrl: response.url || discoveryUrl,
    allowsOrigin: allows(response, origin),
    facts: { authority, clientId, origin, discovery, clockOffsetSeconds, tokenCors },
  }
}
