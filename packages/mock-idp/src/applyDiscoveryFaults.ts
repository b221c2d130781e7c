import type { MockFault } from './MockFault.js';

/**
 * Makes the discovery document look like a less complete IdP's, one field at a time, so a client
 * (or `latchkey doctor`) can show what it does without it. The endpoints themselves keep working:
 * real IdPs such as django-oauth-toolkit serve a revocation endpoint their discovery leaves out.
 */
export function applyDiscoveryFaults(body: Record<string, unknown>, faults: ReadonlySet<MockFault>): void {
  if (faults.has('discovery_issuer_mismatch')) body['issuer'] = `${String(body['issuer'])}/`;
  if (faults.has('discovery_without_end_session')) delete body['end_session_endpoint'];
  if (faults.has('discovery_without_revocation')) delete body['revocation_endpoint'];
  if (faults.has('discovery_without_iss_parameter')) delete body['authorization_response_iss_parameter_supported'];
  if (faults.has('discovery_pkce_plain_only')) body['code_challenge_methods_supported'] = ['plain'];
  if (faults.has('discovery_id_token_hs256_only')) body['id_token_signing_alg_values_supported'] = ['HS256'];
  if (faults.has('discovery_without_refresh_grant')) {
    body['grant_types_supported'] = without(body['grant_types_supported'], 'refresh_token');
  }
  if (faults.has('offline_access_unsupported')) {
    body['scopes_supported'] = without(body['scopes_supported'], 'offline_access');
  }
}

/** A new array: the one in the body is oidc-provider's own. */
function without(list: unknown, value: string): unknown {
  return Array.isArray(list) ? list.filter((item) => item !== value) : list;
}
