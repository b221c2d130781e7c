import type { ResolvedClient } from './resolveOptions.js';

/**
 * Where an IdP page may send the user back to. With `redirectUri` the IdP accepted for `clientId`
 * (checked again here), its origin: the app the user came from, on the loopback name they used.
 * Otherwise the origins of the redirect URIs registered for `clientId`, or of every client's when the
 * page cannot tell which app sent the user. Never an address the request named unchecked: a link
 * built from one would make the IdP vouch for any site.
 */
export function appOrigins(clients: readonly ResolvedClient[], clientId?: string, redirectUri?: string): string[] {
  const client = clients.find((candidate) => candidate.clientId === clientId);
  if (client && redirectUri !== undefined && client.acceptedRedirectUris.includes(redirectUri)) {
    return [new URL(redirectUri).origin];
  }
  const redirectUris = client ? client.redirectUris : clients.flatMap((candidate) => candidate.redirectUris);
  return [...new Set(redirectUris.map((uri) => new URL(uri).origin))];
}
