import type { PlaywrightTestConfig } from '@playwright/test'

/**
 * What both e2e suites share: one IdP per suite whose faults and settings tests switch, so tests run
 * one at a time; no retries, so a flaky test shows; and hang guards, not timings.
 */
export const suiteSettings = {
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
} satisfies PlaywrightTestConfig
