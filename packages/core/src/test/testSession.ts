import type { Session } from '../Session.js'

/** A one-hour session of alice, issued now (the fake clock's now under fake timers). */
export function createTestSession(overrides: Partial<Session> = {}): Session {
  const issuedAt = overrides.issuedAt ?? Date.now()
  return {
    accessToken: 'access-0',
    tokenType: 'Bearer',
    idToken: undefined,
    refreshToken: 'refresh-0',
    issuedAt,
    expiresAt: issuedAt + 3_600_000,
    scopes: ['openid', 'profile'],
    profile: { sub: 'alice', name: 'Alice' },
    lineage: 'lineage-1',
    version: 0,
    ...overrides,
  }
}
