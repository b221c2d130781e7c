import type { SessionStorageKind } from './AuthClientConfig.js'
import type { UserProfile } from './AuthState.js'

/** What a sign-in leaves behind. Kept out of AuthState so tokens never reach rendering code. */
export interface Session {
  readonly accessToken: string
  readonly tokenType: string
  readonly idToken: string | undefined
  readonly refreshToken: string | undefined
  /** When the access token was obtained, in milliseconds since the epoch. */
  readonly issuedAt: number
  /** Milliseconds since the epoch. */
  readonly expiresAt: number
  readonly scopes: readonly string[]
  readonly profile: UserProfile
}

export interface SessionStore {
  load(): Session | null
  save(session: Session): void
  clear(): void
}

function isSession(value: unknown): value is Session {
  if (value === null || typeof value !== 'object') return false
  const candidate = value as Partial<Session>
  return (
    typeof candidate.accessToken === 'string' &&
    typeof candidate.expiresAt === 'number' &&
    typeof candidate.issuedAt === 'number' &&
    Array.isArray(candidate.scopes) &&
    typeof candidate.profile === 'object' &&
    candidate.profile !== null &&
    typeof candidate.profile.sub === 'string'
  )
}

function memoryStore(): SessionStore {
  let current: Session | null = null
  return {
    load: () => current,
    save: (session) => {
      current = session
    },
    clear: () => {
      current = null
    },
  }
}

function webStore(storage: Storage, key: string): SessionStore {
  return {
    load() {
      const raw = storage.getItem(key)
      if (raw === null) return null
      try {
        const parsed: unknown = JSON.parse(raw)
        if (isSession(parsed)) return parsed
      } catch {
        // A corrupt entry is dropped below, like a malformed one.
      }
      storage.removeItem(key)
      return null
    },
    save: (session) => storage.setItem(key, JSON.stringify(session)),
    clear: () => storage.removeItem(key),
  }
}

export function createSessionStore(kind: SessionStorageKind, key: string): SessionStore {
  if (kind === 'memory') return memoryStore()
  return webStore(kind === 'local' ? window.localStorage : window.sessionStorage, key)
}
