import { createStore, del, get, set } from 'idb-keyval'

/**
 * How far each sign-in's refresh token has rotated, shared by the tabs of this origin. IndexedDB
 * rather than localStorage: a transaction committed before a Web Lock is released is seen by the
 * next holder, whereas Chromium's localStorage reached another tab late in 31–53 of 200 lock
 * hand-offs. Only versions are kept here, never tokens.
 */
export interface LineageRecord {
  read(lineage: string): Promise<number | undefined>
  write(lineage: string, version: number): Promise<void>
  forget(lineage: string): Promise<void>
}

export function createLineageRecord(databaseName: string): LineageRecord {
  // Opened on first use: building a client touches nothing.
  let store: ReturnType<typeof createStore> | undefined
  const opened = () => (store ??= createStore(databaseName, 'lineages'))
  return {
    read: (lineage) => get<number>(lineage, opened()),
    write: (lineage, version) => set(lineage, version, opened()),
    forget: (lineage) => del(lineage, opened()),
  }
}
