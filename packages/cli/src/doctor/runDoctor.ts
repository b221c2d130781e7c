import { checkClock } from './checkClock.js'
import { checkEndSession } from './checkEndSession.js'
import { checkIdTokenAlgorithms } from './checkIdTokenAlgorithms.js'
import { checkIssParameter } from './checkIssParameter.js'
import { checkPkce } from './checkPkce.js'
import { checkRefresh } from './checkRefresh.js'
import { checkRevocation } from './checkRevocation.js'
import { checkTokenCors } from './checkTokenCors.js'
import type { Check, CheckResult } from './DoctorCheck.js'
import { probeIdp } from './probeIdp.js'

export interface DoctorOptions {
  /** The IdP's issuer, as the app's `authority`. */
  authority: string
  clientId: string
  /** The app's origin, e.g. `https://app.example.com`. */
  origin: string
  /** Each request's deadline. Default 10. */
  timeoutSeconds?: number
}

/** The checks after discovery and issuer, in the order they are printed. */
const checks: readonly Check[] = [checkPkce, checkTokenCors, checkRefresh, checkEndSession, checkRevocation, checkIssParameter, checkIdTokenAlgorithms, checkClock]
const checkNames = ['pkce', 'cors', 'refresh', 'end_session', 'revocation', 'iss_parameter', 'id_token_alg', 'clock']

/**
 * Checks an IdP for a latchkey app, one result per check with its fix: discovery (reachable from the
 * app's origin) and issuer = authority first; without them the others are skipped.
 */
export async function runDoctor({ authority, clientId, origin, timeoutSeconds = 10 }: DoctorOptions): Promise<CheckResult[]> {
  const probe = await probeIdp({ authority, clientId, origin, timeoutMs: timeoutSeconds * 1000 })
  const skipped = (names: readonly string[]) => names.map((name): CheckResult => ({ name, status: 'skip', detail: 'needs the discovery document' }))
  if (!probe.ok) {
    return [
      {
        name: 'discovery',
        status: 'fail',
        detail: `${probe.discoveryUrl}: ${probe.problem}`,
        fix: 'set authority to the IdP\'s issuer URL (its discovery document is at issuer + /.well-known/openid-configuration), or supply the document with the metadata setting',
      },
      ...skipped(['issuer', ...checkNames]),
    ]
  }
  const { facts } = probe
  const discovery: CheckResult = probe.allowsOrigin
    ? { name: 'discovery', status: 'pass', detail: `${probe.discoveryUrl} is readable from ${origin}` }
    : {
        name: 'discovery',
        status: 'fail',
        detail: `${probe.discoveryUrl} sends no Access-Control-Allow-Origin for ${origin}: the browser cannot read it`,
        fix: `allow ${origin} (CORS) at the IdP, or supply the document with the metadata setting`,
      }
  const issuer = facts.discovery['issuer']
  const issuerCheck: CheckResult =
    issuer === authority
      ? { name: 'issuer', status: 'pass', detail: `issuer equals the authority, ${authority}` }
      : {
          name: 'issuer',
          status: 'fail',
          detail: `discovery names issuer ${JSON.stringify(issuer)}, but the authority is "${authority}"; they must be equal to the character`,
          fix: `set authority: ${JSON.stringify(issuer)} if that is your IdP`,
        }
  return [discovery, issuerCheck, ...checks.map((check) => check(facts))]
}
