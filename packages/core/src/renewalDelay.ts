/** Never renew more often than this, whatever lifetime the IdP gives: no tight loop even with a 1 s token. */
export const minRenewalDelayMs = 1000
const maxLeadMs = 60_000
const maxBackoffMs = 30_000

/**
 * How long before expiry a token valid from `issuedAt` to `expiresAt` is renewed: a tenth of its
 * lifetime, at most a minute. Late enough that a session is renewed about once per lifetime (a
 * quarter early would cost 1.33 renewals per expiry), early enough for the request to come back.
 */
export function renewalLead(issuedAt: number, expiresAt: number): number {
  return Math.min(maxLeadMs, Math.max(0, expiresAt - issuedAt) / 10)
}

/** How long to wait before renewing: a 5 s token renews at 4.5 s, a 1 h token a minute early. */
export function renewalDelay(issuedAt: number, expiresAt: number, now: number): number {
  return Math.max(minRenewalDelayMs, expiresAt - renewalLead(issuedAt, expiresAt) - now)
}

/** Backoff after the `attempt`-th failed renewal (1-based): 1 s, 2 s, 4 s … capped at 30 s. */
export function retryDelay(attempt: number): number {
  return Math.min(maxBackoffMs, minRenewalDelayMs * 2 ** Math.max(0, attempt - 1))
}
