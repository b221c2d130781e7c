/** setTimeout takes a signed 32-bit delay: anything longer fires at once. */
export const maxTimerDelayMs = 2 ** 31 - 1

/**
 * Calls `callback` at the time `at` (ms since the epoch), however far away, by re-arming in steps the
 * timer can hold. Returns the cancel.
 */
export function setClampedTimeout(callback: () => void, at: number, now: () => number = Date.now): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const arm = () => {
    const remaining = at - now()
    if (remaining <= 0) {
      callback()
      return
    }
    timer = setTimeout(arm, Math.min(remaining, maxTimerDelayMs))
  }
  timer = setTimeout(arm, Math.max(0, Math.min(at - now(), maxTimerDelayMs)))
  return () => clearTimeout(timer)
}
