export interface Store<T> {
  get(): T
  set(next: T): void
  subscribe(listener: () => void): () => void
}

/**
 * The smallest observable value: listeners hear only real changes (Object.is). The first value is
 * computed on the first read, so building a store does no work.
 */
export function createStore<T>(initial: () => T): Store<T> {
  let value: { current: T } | undefined
  const listeners = new Set<() => void>()
  const get = (): T => (value ??= { current: initial() }).current
  return {
    get,
    set(next) {
      if (Object.is(next, get())) return
      value = { current: next }
      for (const listener of [...listeners]) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}
