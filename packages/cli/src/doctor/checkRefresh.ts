import type { CheckResult, IdpFacts } from './DoctorCheck.js'

/** Renewal by refresh token needs the grant, and latchkey's default scope asks for it with offline_access. */
export function checkRefresh({ discovery }: IdpFacts): CheckResult {
  const grants = discovery['grant_types_supported']
  const scopes = discovery['scopes_supported']
  const problems: string[] = []
  // OpenID Connect Discovery: without the field, only authorization_code and implicit are implied.
  if (!Array.isArray(grants) || !grants.includes('refresh_token')) problems.push('grant_types_supported does not list refresh_token')
  if (!Array.isArray(scopes)) problems.push('scopes_supported is not announced (latchkey\'s default scope asks for offline_access, which the IdP may refuse with invalid_scope)')
  else if (!scopes.includes('offline_access')) problems.push('scopes_supported lacks offline_access (latchkey leaves it out of the default scope)')
  if (problems.length === 0) return { name: 'refresh', status: 'pass', detail: 'refresh_token grant and offline_access announced' }
  return {
    name: 'refresh',
    status: 'warn',
    detail: problems.join('; '),
    fix: 'make sure the client may use the refresh_token grant, and set latchkey\'s scope to scopes the IdP knows (without offline_access if it has no such scope); without refresh tokens add silentRenewal()',
  }
}
