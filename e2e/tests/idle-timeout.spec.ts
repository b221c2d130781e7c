import type { BrowserContext, Page } from '@playwright/test'
import { alice, DemoApp, expect, test } from './fixtures.js'
import { appOrigin } from './ports.js'

// The demo's idleTimeout(), shortened to two minutes with the warning in the last one. Playwright's
// clock drives every timer: nothing here waits for real time to pass. The clock belongs to the
// browser context, so every tab of a test reads the same time and jumps with it.

/** Where the demo reads its idle timeout (apps/demo/src/demoIdle.ts). */
const demoIdleKey = 'latchkey-demo:idle'
const idle = { after: 120, warnBefore: 60 }

test.beforeEach(async ({ context }) => {
  // Init scripts run in every document, the IdP's and a new tab's about:blank included (where localStorage throws).
  await context.addInitScript(
    ([origin, key, value]) => {
      if (location.origin === origin) localStorage.setItem(key, value)
    },
    [appOrigin, demoIdleKey, JSON.stringify(idle)] as const,
  )
  await context.clock.install()
})

const warningIn = (page: Page) => page.getByRole('alertdialog', { name: 'Are you still there?' })

/** A second tab of the app: it starts signed in from the first, without going to the IdP. */
async function openSignedInTab(context: BrowserContext): Promise<Page> {
  const tab = await context.newPage()
  await tab.goto('/profile')
  await new DemoApp(tab).expectSignedInAs(alice)
  return tab
}

test.describe('idle timeout', () => {
  test.beforeEach(async ({ page, idp, app }) => {
    await page.goto('/profile')
    await idp.signInAs(alice)
    await app.expectSignedInAs(alice)
  })

  test('warns a minute ahead, with the time left, and focus on "Stay signed in"', async ({ page }) => {
    await page.clock.fastForward('00:50')
    await expect(warningIn(page)).toBeHidden()

    await page.clock.fastForward('00:15')
    await expect(warningIn(page)).toBeVisible()
    await expect(warningIn(page).getByRole('paragraph')).toHaveText(/^You will be signed out in 0:5\d$/)
    await expect(page.getByRole('button', { name: 'Stay signed in' })).toBeFocused()
    await page.clock.fastForward('00:10')
    await expect(warningIn(page).getByRole('paragraph')).toHaveText(/^You will be signed out in 0:4\d$/)
  })

  test('"Stay signed in" starts the idle time over', async ({ page, app }) => {
    await page.clock.fastForward('01:30')
    await expect(warningIn(page)).toBeVisible()

    await page.getByRole('button', { name: 'Stay signed in' }).click()
    await expect(warningIn(page)).toBeHidden()
    // Past the first deadline, still signed in: the sign-out would have come 30 s after the click.
    await page.clock.fastForward('00:50')
    await expect(warningIn(page)).toBeHidden()
    await app.expectSignedInAs(alice)
    await page.clock.fastForward('00:15')
    await expect(warningIn(page)).toBeVisible()
  })

  test('activity in another tab starts the idle time over in this one', async ({ context, page, app }) => {
    const other = await openSignedInTab(context)
    await page.clock.fastForward('00:40')
    await other.keyboard.press('Shift')

    // 125 s after the sign-in this tab would be signed out, but the other tab was used 85 s ago.
    await page.clock.fastForward('01:25')
    await app.expectSignedInAs(alice)
    await expect(warningIn(page)).toBeVisible()
    await expect(warningIn(page).getByRole('paragraph')).toHaveText(/^You will be signed out in 0:3\d$/)
  })

  test('at zero every tab is signed out with the reason, and a reload does not bring the session back', async ({ context, page, app }) => {
    const other = await openSignedInTab(context)
    const tabs = [page, other]
    await page.clock.fastForward('01:05')
    for (const tab of tabs) await expect(warningIn(tab)).toBeVisible()

    await page.clock.fastForward('01:00')
    for (const tab of tabs) {
      const tabApp = tab === page ? app : new DemoApp(tab)
      await tabApp.expectSignedOut()
      await expect(warningIn(tab)).toBeHidden()
      await expect(tabApp.errorBanner()).toContainText('idle_timeout')
    }

    for (const tab of tabs) {
      await tab.reload()
      const tabApp = new DemoApp(tab)
      await tabApp.expectSignedOut()
      await expect(tabApp.errorBanner()).toContainText('without activity')
      const stored = await tab.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))
      expect(stored).not.toMatch(/accessToken|refreshToken|idToken/)
    }
  })
})
