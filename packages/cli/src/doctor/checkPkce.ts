import type { CheckResult, IdpFacts } from './DoctorCheck.js'

/** latchkey always sends PKCE S256, and refuses an IdP that announces methods without it. */
export function checkPkce({ discovery }: IdpFacts): CheckResult {
  const methods = discovery['code_challenge_methods_supported']
  if (!Array.isArray(methods)) {
    return {
      name: 'pkce',
      status: 'warn',
      detail: 'code_challenge_methods_supported is not announced, so PKCE support cannot be seen',
      fix: 'require PKCE (S256) for this client at the IdP; latchkey always sends S256',
    }
  }
  if (!methods.includes('S256')) {
    return {
      name: 'pkce',
      status: 'fail',
      detail: `code_challenge_methods_supported is ${JSON.stringify(methods)}, without S256; latchkey refuses to sign in`,
      fix: 'turn on PKCE with S256 at the IdP',
    }
  }
  return { name: 'pkce', status: 'pass', detail: 'PKCE S256 announced' }
}
