import { markdownTable } from '../markdownTable.mjs'

/**
 * The five-tab figures (bench/results/tabs.json) as Markdown: a title, and lines saying how they
 * were measured followed by the table. bench/tabs/run.mjs prints it; bench/writeBenchmarks.mjs uses it.
 */
export function formatTabs({ tabCount, accessTokenTtl, scenarioSeconds, results }) {
  const header = [
    'kit',
    'storage',
    'authorization requests',
    'refresh requests',
    'expiries',
    'refreshes per expiry',
    'invalid_grant',
    `pages signed out (of ${tabCount})`,
    'failed API calls',
  ]
  const rows = results.map((r) =>
    [r.kit, r.storage, r.authorizations, r.refreshes, `${r.expiries} (${r.seconds} s)`, r.refreshesPerExpiry.toFixed(2), r.invalidGrants, r.signedOut, `${r.failedApiCalls} of ${r.apiCalls}`],
  )
  return {
    title: `Multi-tab: ${tabCount} tabs, ${accessTokenTtl} s access tokens, ${scenarioSeconds} s of API calls`,
    lines: [
      `One browser context: tab 1 signs in at the mock IdP, then ${tabCount - 1} more tabs open; every tab calls the demo API every second.`,
      'The IdP rotates refresh tokens and revokes the grant when a used one comes back. Expiries: time since sign-in divided by the token lifetime, rounded up.',
      'Goal: 1 authorization request, at most 1.25 refreshes per expiry, 0 invalid_grant, 0 pages signed out.',
      '',
      ...markdownTable(header, rows),
    ],
  }
}
