const realSetImmediate = globalThis.setImmediate

/**
 * Lets every promise job queued so far run, and the jobs those queue: one turn of the event loop on
 * the real `setImmediate` (captured before any test fakes it), never a timer and never a sleep.
 */
export function flushPromises(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve))
}
