export interface InteractionClients {
  remember(uid: string, clientId: string): void;
  clientOf(uid: string): string | undefined;
}

/**
 * Which client each recent sign-in was for. oidc-provider forgets an interaction once it finishes,
 * yet the back button brings the user to its page again, and that page should still link back to
 * the app the user came from. Bounded, so a long-running IdP does not grow.
 */
export function createInteractionClients(limit: number): InteractionClients {
  const clientIds = new Map<string, string>();
  return {
    remember(uid, clientId) {
      clientIds.delete(uid);
      clientIds.set(uid, clientId);
      // A Map iterates in insertion order: its first key is the oldest.
      const oldest = clientIds.keys().next();
      if (clientIds.size > limit && !oldest.done) clientIds.delete(oldest.value);
    },
    clientOf: (uid) => clientIds.get(uid),
  };
}
