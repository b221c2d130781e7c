import { existsSync } from 'node:fs'

/**
 * The Chromium the e2e tests drive: PLAYWRIGHT_CHROMIUM_EXECUTABLE, else Debian's /usr/bin/chromium,
 * else null, meaning Playwright's own browser (when `npx playwright install chromium` has run).
 */
export function findChromium() {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null
}
