import type { UserProfile } from '@latchkey/core'

export const testAuthority = 'http://127.0.0.1:9/'
export const testClientId = 'spa'

/** Writes a session where the core client looks for it, as a previous sign-in in this tab would have. */
export function seedSession(profile: UserProfile, { expiresInSeconds = 3600, scopes = ['openid', 'profile'] } = {}): void {
  const key = `latchkey:${testClientId}@${testAuthority.replace(/\/+$/, '')}:session`
  window.sessionStorage.setItem(
    key,
    JSON.stringify({
      accessToken: 'access-token',
      tokenType: 'Bearer',
      idToken: undefined,
      refreshToken: undefined,
      issuedAt: Date.now(),
      expiresAt: Date.now() + expiresInSeconds * 1000,
      scopes,
      profile,
      lineage: 'seeded',
      version: 0,
    }),
  )
}
