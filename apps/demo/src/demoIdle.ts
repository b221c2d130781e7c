import type { IdleTimeoutOptions } from '@latchkey/react/idle-timeout'

/** Where the demo keeps its idle timeout (`{"after":120,"warnBefore":60}`); the e2e suite sets a short one before the app loads. */
export const demoIdleKey = 'latchkey-demo:idle'

/** Fifteen minutes, the last one with a warning, as a bank might choose. */
const defaultIdle: IdleTimeoutOptions = { after: 15 * 60, warnBefore: 60 }

/** The idle timeout chosen in localStorage, else the default; a malformed choice falls back to the default. */
export function readDemoIdle(): IdleTimeoutOptions {
  try {
    const chosen = JSON.parse(localStorage.getItem(demoIdleKey) ?? 'null') as Partial<IdleTimeoutOptions> | null
    if (typeof chosen?.after === 'number') return { ...defaultIdle, ...chosen }
  } catch {
    // Not JSON: the default below.
  }
  return defaultIdle
}
