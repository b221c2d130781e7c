import type { Page } from '@playwright/test'
import { MockIdpPage } from '@latchkey/testing/playwright'

/** Clicks the app's popup sign-in button and signs in as `user` in the popup, which closes itself. */
export async function signInWithPopup(page: Page, idpUrl: string, user: { username: string; password: string }): Promise<void> {
  const popupOpened = page.waitForEvent('popup')
  await page.getByRole('button', { name: 'Sign in with popup' }).click()
  const popup = await popupOpened
  await new MockIdpPage(popup, idpUrl).signInAs(user)
  await popup.waitForEvent('close')
}
