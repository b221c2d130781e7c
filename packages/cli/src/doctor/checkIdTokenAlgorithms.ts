import type { CheckResult, IdpFacts } from './DoctorCheck.js'

const asymmetric = /^(RS|PS|ES)(256|384|512)$|^EdDSA$|^ES256K$/

/** A browser can check only a public-key signature: an HS256 ID token is keyed with a client secret it must not have. */
export function checkIdTokenAlgorithms({ discovery }: IdpFacts): CheckResult {
  const algorithms = discovery['id_token_signing_alg_values_supported']
  if (!Array.isArray(algorithms)) {
    return {
      name: 'id_token_alg',
      status: 'fail',
      detail: 'id_token_signing_alg_values_supported is missing (a required discovery field)',
      fix: 'the IdP must announce how it signs ID tokens; supply its discovery with the metadata setting',
    }
  }
  const usable = algorithms.filter((alg): alg is string => typeof alg === 'string' && asymmetric.test(alg))
  if (usable.length === 0) {
    return {
      name: 'id_token_alg',
      status: 'fail',
      detail: `id_token_signing_alg_values_supported is ${JSON.stringify(algorithms)}, with no public-key algorithm`,
      fix: 'have the IdP sign this client\'s ID tokens with RS256 (or ES256); HS256 needs a client secret, which a browser app cannot keep',
    }
  }
  return { name: 'id_token_alg', status: 'pass', detail: `ID tokens signed with ${usable.join(', ')}` }
}
