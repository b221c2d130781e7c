import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

/** Models whose records hang off a grant and go when the grant is revoked. */
const grantable = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

/**
 * Storage for one mock IdP. oidc-provider's built-in memory adapter shares one bounded LRU between
 * every provider in the process (and warns on start-up); this one belongs to its IdP alone and
 * drops records only when they expire.
 *
 * @param graceSeconds kept past expiry, as oidc-provider does, so its own expiry checks (with
 *   clock tolerance) decide rather than a missing record.
 */
export function createMemoryAdapter(graceSeconds: number): AdapterFactory {
  const entries = new Map<string, Entry>();
  const sessionIdsByUid = new Map<string, string>();
  const idsByUserCode = new Map<string, string>();
  const keysByGrant = new Map<string, Set<string>>();
  let writes = 0;

  const read = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };

  const sweep = (): void => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    for (const [grantId, keys] of keysByGrant) {
      for (const key of keys) if (!entries.has(key)) keys.delete(key);
      if (keys.size === 0) keysByGrant.delete(grantId);
    }
    for (const [uid, id] of sessionIdsByUid) if (!entries.has(`Session:${id}`)) sessionIdsByUid.delete(uid);
    for (const [code, id] of idsByUserCode) if (!entries.has(`DeviceCode:${id}`)) idsByUserCode.delete(code);
  };

  return (model: string): Adapter => {
    const keyOf = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const key = keyOf(id);
        const expiresAt = typeof expiresIn === 'number' ? Date.now() + (expiresIn + graceSeconds) * 1000 : Infinity;
        entries.set(key, { payload, expiresAt });
        if (model === 'Session' && payload.uid !== undefined) sessionIdsByUid.set(payload.uid, id);
        if (payload.userCode !== undefined) idsByUserCode.set(payload.userCode, id);
        if (grantable.has(model) && payload.grantId !== undefined) {
          const keys = keysByGrant.get(payload.grantId) ?? new Set<string>();
          keys.add(key);
          keysByGrant.set(payload.grantId, keys);
        }
        writes += 1;
        if (writes % 200 === 0) sweep();
      },
      async find(id) {
        return read(keyOf(id));
      },
      async findByUid(uid) {
        const id = sessionIdsByUid.get(uid);
        return id === undefined ? undefined : read(keyOf(id));
      },
      async findByUserCode(userCode) {
        const id = idsByUserCode.get(userCode);
        return id === undefined ? undefined : read(keyOf(id));
      },
      async consume(id) {
        const payload = read(keyOf(id));
        if (payload !== undefined) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(keyOf(id));
      },
      async revokeByGrantId(grantId) {
        for (const key of keysByGrant.get(grantId) ?? []) entries.delete(key);
        keysByGrant.delete(grantId);
      },
    };
  };
}
