import { alice, closed, expect, signInAtDjango, test } from './fixtures.js'

test.describe('sign-in at django-oauth-toolkit', () => {
  test('signs in by redirect and lands on the page that asked', async ({ page, app }) => {
    await page.goto('/profile')
    await page.getByRole('button', { name: 'Sign in' }).first().click()
    await signInAtDjango(page, alice)
    await expect(page).toHaveURL('/profile')
    await app.expectSignedInAs(alice)
  })

  test('keeps the session across a reload', async ({ page, app }) => {
    await page.goto('/')
    await page.getByRole('button', { name: 'Sign in with redirect' }).click()
    await signInAtDjango(page, alice)
    await app.expectSignedInAs(alice)
    await page.reload()
    await app.expectSignedInAs(alice)
    await expect(page).toHaveURL('/profile')
  })

  test('signs in through a popup and stays on the page', async ({ page, app }) => {
    await page.goto('/')
    const popupOpened = page.waitForEvent('popup')
    await page.getByRole('button', { name: 'Sign in with popup' }).click()
    const popup = await popupOpened
    await signInAtDjango(popup, alice)
    await closed(popup)
    await app.expectSignedInAs(alice)
    await expect(page).toHaveURL('/')
  })
})
