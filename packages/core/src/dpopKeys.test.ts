import { IDBFactory } from 'fake-indexeddb'
import { IndexedDbDPoPStore } from 'oidc-client-ts'
import { describe, expect, it, vi } from 'vitest'
import { createDpopProof, dpopThumbprint } from './createDpopProof.js'
import { createDpopKeyStore, dpopKeyPair } from './dpopKeys.js'

describe('DPoP keys', () => {
  it('keeps one key pair per client in IndexedDB, so a reload or another tab proves with the same key', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory())
    const firstPage = await dpopKeyPair(createDpopKeyStore(), 'spa')
    const reloaded = await dpopKeyPair(createDpopKeyStore(), 'spa')
    const otherClient = await dpopKeyPair(createDpopKeyStore(), 'admin')
    expect(await dpopThumbprint(reloaded)).toBe(await dpopThumbprint(firstPage))
    expect(await dpopThumbprint(otherClient)).not.toBe(await dpopThumbprint(firstPage))
  })

  it('makes the private key non-extractable', async () => {
    vi.stubGlobal('indexedDB', new IDBFactory())
    const keys = await dpopKeyPair(createDpopKeyStore(), 'spa')
    expect(keys.privateKey.extractable).toBe(false)
    await expect(crypto.subtle.exportKey('jwk', keys.privateKey)).rejects.toThrow()
  })

  it('keeps the keys in memory where IndexedDB fails, and still signs proofs', async () => {
    const broken = new IndexedDbDPoPStore()
    vi.spyOn(broken, 'get').mockRejectedValue(new DOMException('blocked', 'SecurityError'))
    const store = createDpopKeyStore(broken)
    const keys = await dpopKeyPair(store, 'spa')
    expect(await dpopKeyPair(store, 'spa')).toBe(keys)
    expect(await createDpopProof(keys, { method: 'get', url: 'https://api.example/x?y=1', accessToken: 't' })).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
  })
})
