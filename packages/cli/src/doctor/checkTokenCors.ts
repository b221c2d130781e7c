import type { CheckResult, IdpFacts } from './DoctorCheck.js'

/** The browser redeems the code and refreshes from the app's origin: the token endpoint must allow it (CORS). */
export function checkTokenCors({ tokenCors, origin }: IdpFacts): CheckResult {
  if (tokenCors === null) return { name: 'cors', status: 'fail', detail: 'discovery names no token_endpoint', fix: 'supply token_endpoint with metadataSeed' }
  if (tokenCors.preflightAllowed && tokenCors.postAllowed) return { name: 'cors', status: 'pass', detail: `the token endpoint allows ${origin}` }
  return {
    name: 'cors',
    status: 'fail',
    detail: `the token endpoint does not allow ${origin}: ${tokenCors.detail}`,
    fix: `add ${origin} to the client's web origins (allowed CORS origins) at the IdP, and register the app as a single-page (public) client`,
  }
}
