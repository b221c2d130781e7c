import { AuthError } from './AuthError.js'
import { dev } from './dev.js'

/** Refuses to sign in with an IdP that does not announce DPoP with ES256, the only algorithm used here. */
export function checkIdpSupportsDpop(document: Record<string, unknown>, issuer: string): void {
  const algorithms = document['dpop_signing_alg_values_supported']
  if (Array.isArray(algorithms) && algorithms.includes('ES256')) return
  throw new AuthError(
    'config',
    dev
      ? `The identity provider at ${issuer} does not announce DPoP with ES256 (dpop_signing_alg_values_supported: ${JSON.stringify(algorithms ?? null).slice(0, 100)}). Turn DPoP on at the IdP, or remove dpop() from the features.`
      : 'The identity provider does not announce DPoP with ES256.',
  )
}

/** A bearer token where a DPoP-bound one was asked for would be a silent downgrade: anyone who copied it could use it. */
export function checkDpopTokenType(tokenType: string | undefined): void {
  if (tokenType?.toLowerCase() === 'dpop') return
  throw new AuthError(
    'invalid_token',
    `The identity provider issued a ${JSON.stringify(String(tokenType).slice(0, 20))} token, not a DPoP-bound one${dev ? ', though this app asks for DPoP. Turn DPoP on for this client at the IdP, or remove dpop() from the features' : ''}.`,
  )
}
