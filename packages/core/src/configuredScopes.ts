import type { ResolvedConfig } from './resolveConfig.js'
import { scopesOf } from './Session.js'

/**
 * The configured scopes, less `offline_access` when latchkey chose it (the default scope) and the
 * IdP announces scopes without it (`supported`): an IdP that does not know a scope may refuse the
 * whole sign-in.
 */
export function configuredScopes(config: Pick<ResolvedConfig, 'scope' | 'isDefaultScope'>, supported: unknown): string[] {
  const scopes = scopesOf(config.scope)
  if (!config.isDefaultScope || !Array.isArray(supported) || supported.includes('offline_access')) return scopes
  return scopes.filter((scope) => scope !== 'offline_access')
}
