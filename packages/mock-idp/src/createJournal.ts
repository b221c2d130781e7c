import type { JournalEntry } from './JournalEntry.js';

export interface Journal {
  record(entry: JournalEntry): void;
  entries(): JournalEntry[];
  clear(): void;
}

/** An in-memory request log that keeps only the last `limit` entries, so a long demo run stays small. */
export function createJournal(limit = 1000): Journal {
  let entries: JournalEntry[] = [];
  return {
    record(entry) {
      entries.push(entry);
      if (entries.length > limit) entries.shift();
    },
    entries: () => entries.map((entry) => ({ ...entry })),
    clear() {
      entries = [];
    },
  };
}
