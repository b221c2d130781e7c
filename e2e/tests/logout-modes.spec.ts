import { alice, closed, expect, test } from './fixtures.js'

test.describe('every logout mode revokes the tokens', () => {
  test('redirect: signed out here and at the IdP, tokens revoked', async ({ page, idp, app }) => {
    await page.goto('/session')
    await idp.signInAs(alice)
    await page.getByRole('button', { name: 'Sign out (redirect)' }).click()
    await expect(page).toHaveURL('/')
    await app.expectSignedOut()
    expect(await idp.revocations()).toBeGreaterThanOrEqual(1)
    await page.goto('/profile')
    await idp.expectLoginPage()
  })

  test('popup: signed out here and at the IdP without leaving the page', async ({ page, idp, app }) => {
    await page.goto('/session')
    await idp.signInAs(alice)
    const popupOpened = page.waitForEvent('popup')
    await page.getByRole('button', { name: 'Sign out (popup)' }).click()
    await closed(await popupOpened)
    await app.expectSignedOut()
    await expect(page).toHaveURL('/session')
    expect(await idp.revocations()).toBeGreaterThanOrEqual(1)
    await page.goto('/profile')
    await idp.expectLoginPage()
  })

  test('local: signed out of the app only, tokens still revoked', async ({ page, idp, app }) => {
    await page.goto('/session')
    await idp.signInAs(alice)
    await page.getByRole('button', { name: 'Sign out of this app only' }).first().click()
    await app.expectSignedOut()
    expect(await idp.revocations()).toBeGreaterThanOrEqual(1)
    const storage = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))
    expect(storage).not.toMatch(/accessToken|refreshToken|idToken/)
  })
})
