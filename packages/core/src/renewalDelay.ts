/** Never renew more often than this, whatever lifetime the IdP gives: no tight loop even with a 1 s token. */
export const minRenewalDelayMs = 1000
const maxLeadMs = 60_000
const maxBackoffMs = 30_000

/**
 * How long to wait before renewing a token valid from `issuedAt` to `expiresAt`: a quarter of its
 * lifetime ahead of expiry (at most a minute), so a 5 s token renews at ~3.75 s and a 1 h token a
 * minute early.
 */
export function renewalDelay(issuedAt: number, expiresAt: number, now: number): number {
  const lifetime = Math.max(0, expiresAt - issuedAt)
  const lead = Math.min(maxLeadMs, lifetime / 4)
  return Math.max(minRenewalDelayMs, expiresAt - lead - now)
}

/** Backoff after the `attempt`-th failed renewal (1-based): 1 s, 2 s, 4 s … capped at 30 s. */
export function retryDelay(attempt: number): number {
  return Math.min(maxBackoffMs, minRenewalDelayMs * 2 ** Math.max(0, attempt - 1))
}
