/**
 * The Web Locks API for one simulated origin: tabs made in a test share one of these, as the tabs of
 * a browser share `navigator.locks`. Exclusive and shared modes, `signal`, and `query()`.
 */
export function createFakeLockManager(): Pick<LockManager, 'request' | 'query'> & { readonly requests: number } {
  interface Held {
    name: string
    mode: LockMode
  }
  interface Waiting extends Held {
    grant(): void
  }
  const held: Held[] = []
  const waiting: Waiting[] = []
  let requests = 0

  const grantable = (lock: Held) =>
    !held.some((other) => other.name === lock.name && (other.mode === 'exclusive' || lock.mode === 'exclusive'))

  const pump = () => {
    for (const candidate of [...waiting]) {
      // First come, first served per name: nobody overtakes an earlier waiter for the same lock.
      const earlier = waiting.slice(0, waiting.indexOf(candidate)).some((other) => other.name === candidate.name)
      if (!earlier && grantable(candidate)) {
        waiting.splice(waiting.indexOf(candidate), 1)
        candidate.grant()
      }
    }
  }

  function request<T>(name: string, ...args: [LockGrantedCallback<T>] | [LockOptions, LockGrantedCallback<T>]): Promise<T> {
    requests += 1
    const [options, callback] = args.length === 1 ? [{} as LockOptions, args[0]] : args
    const lock: Held = { name, mode: options.mode ?? 'exclusive' }
    return new Promise<T>((resolve, reject) => {
      const entry: Waiting = {
        ...lock,
        grant: () => {
          held.push(lock)
          options.signal?.removeEventListener('abort', onAbort)
          Promise.resolve()
            .then(() => callback({ name, mode: lock.mode } as Lock))
            .then(resolve, reject)
            .finally(() => {
              held.splice(held.indexOf(lock), 1)
              pump()
            })
        },
      }
      const onAbort = () => {
        const index = waiting.indexOf(entry)
        if (index === -1) return
        waiting.splice(index, 1)
        reject(options.signal?.reason ?? new DOMException('aborted', 'AbortError'))
      }
      if (options.signal?.aborted) return reject(options.signal.reason)
      if (options.ifAvailable && (waiting.some((other) => other.name === name) || !grantable(lock))) {
        Promise.resolve()
          .then(() => callback(null))
          .then(resolve, reject)
        return
      }
      options.signal?.addEventListener('abort', onAbort)
      waiting.push(entry)
      pump()
    })
  }

  return {
    request: request as LockManager['request'],
    query: async () => ({
      held: held.map(({ name, mode }) => ({ name, mode, clientId: 'fake' })),
      pending: waiting.map(({ name, mode }) => ({ name, mode, clientId: 'fake' })),
    }),
    get requests() {
      return requests
    },
  }
}
