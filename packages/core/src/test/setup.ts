import { URLSearchParams as NodeURLSearchParams } from 'node:url'
import { afterEach, vi } from 'vitest'
import { disposeApps, testIdp } from './signInThroughIdp.js'

// jsdom replaces URLSearchParams with its own class, which Node's fetch does not recognise as a form
// body and sends as "[object URLSearchParams]". In a browser the two are one class; restore that.
globalThis.URLSearchParams = NodeURLSearchParams as unknown as typeof URLSearchParams

// Every test starts from a fresh page load and an IdP without faults, whatever the last one left.
afterEach(async () => {
  // A test file in the node environment (a build check) has no page to reset.
  if (typeof window === 'undefined') return
  vi.restoreAllMocks()
  vi.useRealTimers()
  vi.unstubAllGlobals()
  disposeApps()
  window.sessionStorage.clear()
  window.localStorage.clear()
  window.history.replaceState(null, '', '/')
  await testIdp.reset()
  // Node's fetch arms its keep-alive timer a turn after the response: let it land on the real clock, not the next test's fake one.
  await new Promise((resolve) => setImmediate(resolve))
})
