import type { OidcMetadata } from 'oidc-client-ts'

/** How long a discovery document is reused across page loads. Endpoints rarely move; an hour bounds the risk. */
const maxAgeMs = 60 * 60 * 1000

interface CachedMetadata {
  fetchedAt: number
  metadata: Partial<OidcMetadata>
}

/**
 * Keeps the IdP's discovery document in sessionStorage, so the page that completes a sign-in, and
 * the first renewal after a reload, do not fetch it again: one round trip fewer each.
 */
export function loadCachedMetadata(key: string, issuer: string): Partial<OidcMetadata> | undefined {
  try {
    const cached = JSON.parse(window.sessionStorage.getItem(key) ?? 'null') as CachedMetadata | null
    if (!cached || Date.now() - cached.fetchedAt > maxAgeMs) return undefined
    // A changed authority must not reuse another IdP's endpoints.
    if (cached.metadata.issuer !== issuer) return undefined
    return cached.metadata
  } catch {
    return undefined
  }
}

export function saveCachedMetadata(key: string, metadata: Partial<OidcMetadata>): void {
  try {
    window.sessionStorage.setItem(key, JSON.stringify({ fetchedAt: Date.now(), metadata } satisfies CachedMetadata))
  } catch {
    // A full or disabled storage only costs the round trip this saves.
  }
}
