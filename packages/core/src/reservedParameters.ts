import { AuthError } from './AuthError.js'
import { dev } from './dev.js'

/**
 * Authorization request parameters latchkey sets itself: an app that set them too would send them
 * twice, or undo PKCE, the state check or the redirect URI check.
 */
const reserved = new Set([
  'response_type',
  'response_mode',
  'redirect_uri',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'client_id',
  'client_secret',
  'scope',
])

/** Rejects `params` when it sets a parameter latchkey owns; `where` names the option in the message. */
export function rejectReservedParameters(params: Readonly<Record<string, string>> | undefined, where: string): void {
  const clashes = Object.keys(params ?? {}).filter((name) => reserved.has(name) || name.startsWith('code_challenge'))
  if (clashes.length === 0) return
  throw new AuthError(
    'config',
    `${where} may not set ${clashes.join(', ')}${dev ? `: latchkey sets ${clashes.length === 1 ? 'it' : 'them'} itself. Use the scope option for scopes; the others follow from the config.` : ''}`,
  )
}
