import { MockIdpPage } from '@latchkey/testing/playwright'
import type { Page } from '@playwright/test'
import { alice, closed, expect, test } from './fixtures.js'

/** Clicks "Sign in with popup" on the home page and hands back the popup. */
async function openSignInPopup(page: Page): Promise<Page> {
  await page.goto('/')
  const popupOpened = page.waitForEvent('popup')
  await page.getByRole('button', { name: 'Sign in with popup' }).click()
  return popupOpened
}

/** Closes the popup once the IdP's form shows, as a user giving up would. */
async function closeSignInPopup(page: Page): Promise<void> {
  const popup = await openSignInPopup(page)
  await popup.getByLabel('Username').waitFor()
  await popup.close()
}

async function signInWithPopup(page: Page, issuer: string): Promise<void> {
  const popup = await openSignInPopup(page)
  await new MockIdpPage(popup, issuer).signInAs(alice)
  await closed(popup)
}

test.describe('popup sign-in', () => {
  test('signs in through a popup and stays on the page', async ({ page, idp, app }) => {
    // The popup comes back to the app's own /callback (no callback page of its own), where the app relays and closes.
    const callbackLoaded = page.context().waitForEvent('request', (request) => new URL(request.url()).pathname === '/callback')
    await signInWithPopup(page, idp.issuer)
    expect(new URL((await callbackLoaded).url()).searchParams.get('state')).toMatch(/;latchkey-relay$/)
    await app.expectSignedInAs(alice)
    await expect(page).toHaveURL('/')
    expect(await idp.tokenRequests('authorization_code')).toBe(1)
  })

  test('a popup the user closes rejects with popup_closed', async ({ page, app }) => {
    await closeSignInPopup(page)
    await expect(app.errorBanner()).toContainText('popup_closed', { timeout: 3000 })
    await app.expectSignedOut()
  })

  test('a popup the user closes is noticed even when the IdP sends Cross-Origin-Opener-Policy', async ({ page, idp, app }) => {
    await idp.configure({ coop: true })
    await closeSignInPopup(page)
    await expect(app.errorBanner()).toContainText('popup_closed', { timeout: 3000 })
  })

  test('with Cross-Origin-Opener-Policy the popup result still arrives, over BroadcastChannel', async ({ page, idp, app }) => {
    await idp.configure({ coop: true })
    await signInWithPopup(page, idp.issuer)
    await app.expectSignedInAs(alice)
    await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0)
    expect(await idp.tokenRequests('authorization_code')).toBe(1)
  })

  test('a blocked popup rejects at once with popup_blocked', async ({ page, app }) => {
    // What a popup blocker does: window.open returns null.
    await page.addInitScript(() => {
      window.open = () => null
    })
    await page.goto('/')
    await page.getByRole('button', { name: 'Sign in with popup' }).click()
    await expect(app.errorBanner()).toContainText('popup_blocked')
    await expect(page).toHaveURL('/')
  })
})
