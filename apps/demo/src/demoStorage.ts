import type { SessionStorageKind } from '@latchkey/react'

/** Where the demo keeps its choice of session storage; the e2e tab tests set it before the app loads. */
export const demoStorageKey = 'latchkey-demo:storage'

export const demoStorageKinds: readonly SessionStorageKind[] = ['session', 'local', 'memory']

/** The session storage chosen on the session page, `session` (latchkey's default) until one is. */
export function readDemoStorage(): SessionStorageKind {
  const chosen = localStorage.getItem(demoStorageKey)
  return demoStorageKinds.find((kind) => kind === chosen) ?? 'session'
}

/** Keeps the choice; it takes effect when the app next loads, as the client is built once. */
export function chooseDemoStorage(kind: SessionStorageKind): void {
  localStorage.setItem(demoStorageKey, kind)
}
