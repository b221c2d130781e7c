/**
 * `pass`: fine for a latchkey app. `warn`: works, with a limit the line names (latchkey adapts, or a
 * config setting supplies what is missing). `fail`: a latchkey app will not work until it is fixed.
 * `skip`: not checked, since a check it depends on failed.
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip'

export interface CheckResult {
  /** Short and stable, e.g. `discovery`, `pkce`, `cors`. */
  name: string
  status: CheckStatus
  /** What was found. */
  detail: string
  /** What to do, for `warn` and `fail`. */
  fix?: string
}

/** What the checks read: the discovery document, and what the probes of the IdP answered. */
export interface IdpFacts {
  authority: string
  clientId: string
  origin: string
  discovery: Record<string, unknown>
  /** Seconds the IdP's clock is ahead of this machine's (negative: behind), from its Date header. */
  clockOffsetSeconds: number | null
  /** The token endpoint's answers to a CORS preflight and to a POST from `origin`. */
  tokenCors: { preflightAllowed: boolean; postAllowed: boolean; detail: string } | null
}

export type Check = (facts: IdpFacts) => CheckResult
