import { DPoPState, IndexedDbDPoPStore, type OidcClientSettings } from 'oidc-client-ts'

/** oidc-client-ts's DPoP key store, as its settings take it. */
export type DpopKeyStore = NonNullable<OidcClientSettings['dpop']>['store']

/**
 * The app's DPoP key pairs, one per client, in IndexedDB so that every tab and every reload proves
 * possession with the same key as the tokens were bound to. The private key is generated
 * non-extractable: script can sign with it, but nothing can read it out and use it elsewhere.
 *
 * Where IndexedDB fails (site data blocked, some private modes), the keys stay in this tab's memory:
 * DPoP still works, but a reload loses the key, and with it the bound refresh token, so the user signs
 * in again.
 */
export function createDpopKeyStore(persistent: DpopKeyStore = new IndexedDbDPoPStore()): DpopKeyStore {
  const inMemory = new Map<string, DPoPState>()
  let usable = true
  async function attempt<T>(onDisk: () => Promise<T>, fallback: () => T): Promise<T> {
    if (usable) {
      try {
        return await onDisk()
      } catch {
        usable = false
      }
    }
    return fallback()
  }
  return {
    set: (key, value) => attempt(() => persistent.set(key, value), () => void inMemory.set(key, value)),
    get: (key) => attempt(() => persistent.get(key), () => inMemory.get(key) as DPoPState),
    remove: (key) =>
      attempt(
        () => persistent.remove(key),
        () => {
          const removed = inMemory.get(key) as DPoPState
          inMemory.delete(key)
          return removed
        },
      ),
    getAllKeys: () => attempt(() => persistent.getAllKeys(), () => [...inMemory.keys()]),
  }
}

/** The key pair for `clientId`, made on first use and kept in oidc-client-ts's DPoPState form. */
export async function dpopKeyPair(store: DpopKeyStore, clientId: string): Promise<CryptoKeyPair> {
  const known = await store.get(clientId)
  if (known) return known.keys
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])
  await store.set(clientId, new DPoPState(keys))
  return keys
}
