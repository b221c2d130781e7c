import { chromium } from 'playwright-core'
import { findChromium } from '../scripts/findChromium.mjs'

/** Headless Chromium as the browser benches run it: no sandbox (root in a container), no background traffic. */
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/**
 * Launches the Chromium the e2e tests drive (scripts/findChromium.mjs), with `extraArgs` after the
 * benches' own. Exits the process with a message when PLAYWRIGHT_CHROMIUM_EXECUTABLE names no file.
 */
export async function launchChromium(extraArgs = []) {
  const executablePath = findChromium()
  if (executablePath === undefined) {
    console.error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE=${process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE} does not exist.`)
    process.exit(1)
  }
  return chromium.launch({ ...(executablePath && { executablePath }), args: [...chromiumArgs, ...extraArgs] })
}
