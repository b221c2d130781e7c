export interface RecentInteractions {
  remember(uid: string, appOrigin: string): void;
  appOriginOf(uid: string): string | undefined;
}

/**
 * The app each recent sign-in came from. oidc-provider forgets an interaction once it finishes, yet
 * the back button brings the user to its page again, and that page should still link back to the
 * app, on the very origin the user left (`localhost` or `127.0.0.1`: they keep separate storage).
 * Bounded, so a long-running IdP does not grow.
 */
export function createRecentInteractions(limit: number): RecentInteractions {
  const appOrigins = new Map<string, string>();
  return {
    remember(uid, appOrigin) {
      appOrigins.delete(uid);
      appOrigins.set(uid, appOrigin);
      // A Map iterates in insertion order: its first key is the oldest.
      const oldest = appOrigins.keys().next();
      if (appOrigins.size > limit && !oldest.done) appOrigins.delete(oldest.value);
    },
    appOriginOf: (uid) => appOrigins.get(uid),
  };
}
