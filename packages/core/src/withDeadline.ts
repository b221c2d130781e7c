import { AuthError } from './AuthError.js'

/**
 * Settles with `work`, or rejects with `timeout` once `ms` have passed: the whole exchange, body
 * included, since a response whose body stalls would otherwise hang its caller forever.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AuthError('timeout', `${what}: the identity provider did not answer within ${ms / 1000} s.`)),
      ms,
    )
  })
  return Promise.race([work, expired]).finally(() => clearTimeout(timer))
}
