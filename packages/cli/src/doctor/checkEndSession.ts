import type { CheckResult, IdpFacts } from './DoctorCheck.js'

/** Without an end-session endpoint, logout() ends the app's session only and says so (idpSession 'kept'). */
export function checkEndSession({ discovery }: IdpFacts): CheckResult {
  if (typeof discovery['end_session_endpoint'] === 'string') return { name: 'end_session', status: 'pass', detail: `end_session_endpoint ${discovery['end_session_endpoint']}` }
  return {
    name: 'end_session',
    status: 'warn',
    detail: 'no end_session_endpoint: logout() signs out of the app only and resolves { idpSession: "kept" }',
    fix: 'if the IdP has a logout URL, add it: metadataSeed: { end_session_endpoint: "https://…" }',
  }
}
