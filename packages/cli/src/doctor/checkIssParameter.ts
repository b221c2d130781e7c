import type { CheckResult, IdpFacts } from './DoctorCheck.js'

/** RFC 9207: with `iss` in every authorization response, latchkey refuses a response from another IdP (mix-up). */
export function checkIssParameter({ discovery }: IdpFacts): CheckResult {
  if (discovery['authorization_response_iss_parameter_supported'] === true) {
    return { name: 'iss_parameter', status: 'pass', detail: 'authorization responses carry iss (RFC 9207)' }
  }
  return {
    name: 'iss_parameter',
    status: 'warn',
    detail: 'authorization_response_iss_parameter_supported is not true: no mix-up defence by iss (RFC 9207)',
    fix: 'turn it on at the IdP where it can be; with one IdP per app the risk is small',
  }
}
