import { vi } from 'vitest'
import { flushPromises } from './flushPromises.js'

/**
 * `vi.useFakeTimers()`, once Node's HTTP client is idle. The shared afterEach (test/setup.ts) talks
 * to the mock IdP, and undici arms each connection's keep-alive timer one event-loop turn after the
 * response (it resumes the client in a setImmediate). Faked before that turn, the fake clock holds a
 * timer that is not the part's, and `vi.getTimerCount()` counts it.
 */
export async function useIdleFakeTimers(options?: Parameters<typeof vi.useFakeTimers>[0]): Promise<void> {
  await flushPromises()
  vi.useFakeTimers(options)
}
