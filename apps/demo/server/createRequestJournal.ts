/** One request the demo API answered. */
export interface RequestJournalEntry {
  /** When the request arrived, as an ISO 8601 timestamp. */
  at: string
  method: string
  /** Without the query string. */
  path: string
  status: number
}

export interface RequestJournal {
  record(entry: RequestJournalEntry): void
  /** Oldest first. */
  entries(): RequestJournalEntry[]
  clear(): void
}

/** An in-memory request log for tests, keeping only the last `limit` entries so a long demo run stays small. */
export function createRequestJournal(limit = 500): RequestJournal {
  let entries: RequestJournalEntry[] = []
  return {
    record(entry) {
      entries.push(entry)
      if (entries.length > limit) entries.shift()
    },
    entries: () => entries.map((entry) => ({ ...entry })),
    clear() {
      entries = []
    },
  }
}
