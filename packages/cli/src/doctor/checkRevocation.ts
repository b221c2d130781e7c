import type { CheckResult, IdpFacts } from './DoctorCheck.js'

/** Without a revocation endpoint, a refresh token outlives the sign-out until it expires. */
export function checkRevocation({ discovery }: IdpFacts): CheckResult {
  if (typeof discovery['revocation_endpoint'] === 'string') return { name: 'revocation', status: 'pass', detail: `revocation_endpoint ${discovery['revocation_endpoint']}` }
  return {
    name: 'revocation',
    status: 'warn',
    detail: 'no revocation_endpoint: a refresh token stays valid after sign-out until it expires',
    fix: 'if the IdP revokes tokens (RFC 7009) at a URL its discovery leaves out, add it: metadataSeed: { revocation_endpoint: "https://…" }',
  }
}
