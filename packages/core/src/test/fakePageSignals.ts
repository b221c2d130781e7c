import type { PageSignals } from '../createRenewalSchedule.js'

/** The page's visibility and online events, woken by the test: `wake()` is the tab coming back. */
export function createFakePageSignals(): PageSignals & { wake(): void; readonly listenerCount: number } {
  const listeners = new Set<() => void>()
  return {
    isVisible: () => true,
    onWake(listener) {
      const own = () => listener()
      listeners.add(own)
      return () => listeners.delete(own)
    },
    wake() {
      for (const listener of [...listeners]) listener()
    },
    get listenerCount() {
      return listeners.size
    },
  }
}
