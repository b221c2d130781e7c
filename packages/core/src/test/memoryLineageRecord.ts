import type { LineageRecord } from '../lineageRecord.js'

/** The IndexedDB lineage record of one simulated origin, in memory: coherent, like the real one. */
export function createMemoryLineageRecord(): LineageRecord & { readonly versions: Map<string, number> } {
  const versions = new Map<string, number>()
  return {
    versions,
    read: async (lineage) => versions.get(lineage),
    write: async (lineage, version) => {
      versions.set(lineage, version)
    },
    forget: async (lineage) => {
      versions.delete(lineage)
    },
  }
}
