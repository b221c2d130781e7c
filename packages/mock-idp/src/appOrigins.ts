import type { ResolvedClient } from './resolveOptions.js';

/**
 * Where an IdP page may send the user back to: the origins of the redirect URIs registered for
 * `clientId`, or of every client's when the page cannot tell which app sent the user. Never an
 * address the request named: a link built from one would make the IdP vouch for any site.
 */
export function appOrigins(clients: readonly ResolvedClient[], clientId?: string): string[] {
  const client = clients.find((candidate) => candidate.clientId === clientId);
  const redirectUris = client ? client.redirectUris : clients.flatMap((candidate) => candidate.redirectUris);
  return [...new Set(redirectUris.map((uri) => new URL(uri).origin))];
}
