import { alice, expect, test } from './fixtures.js'

test.describe('sign-out', () => {
  test('ends the app session and the IdP session', async ({ page, idp, app }) => {
    await page.goto('/profile')
    await idp.signInAs(alice)
    await app.expectSignedInAs(alice)

    await app.signOut()
    await expect(page).toHaveURL('/')
    await app.expectSignedOut()
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }))
    expect(stored).not.toContain('accessToken')

    // Were the IdP session still alive, this would come straight back signed in.
    await page.goto('/profile')
    await idp.expectLoginPage()
  })

  test('signing out of the app only keeps the IdP session', async ({ page, idp, app }) => {
    await page.goto('/profile')
    await idp.signInAs(alice)
    await app.expectSignedInAs(alice)

    await page.getByRole('button', { name: 'Sign out of this app only' }).click()
    await app.expectSignedOut()
    // Signed out on a guarded page: offered a button rather than sent straight back to the IdP.
    await expect(page.getByRole('button', { name: 'Sign in to continue' })).toBeVisible()
    await expect(page).toHaveURL('/profile')
    await page.getByRole('button', { name: 'Sign in to continue' }).click()
    await expect(page.getByTestId('user-name')).toHaveText(alice.name)
  })
})

test.describe('tabs', () => {
  test('signing out in one tab signs out the other tabs', async ({ context, page, idp, app }) => {
    await page.goto('/profile')
    await idp.signInAs(alice)
    await app.expectSignedInAs(alice)
    // A second tab has its own session (sessionStorage): its redirect comes straight back, the IdP session answers it.
    const otherTab = await context.newPage()
    await otherTab.goto('/profile')
    await expect(otherTab.getByTestId('user-name')).toHaveText(alice.name)

    await page.getByRole('button', { name: 'Sign out of this app only' }).first().click()
    await app.expectSignedOut()
    await expect(otherTab.getByRole('banner').getByRole('button', { name: 'Sign in' })).toBeVisible()
    await expect(otherTab.getByRole('button', { name: 'Sign in to continue' })).toBeVisible()
    await expect(otherTab).toHaveURL('/profile')
  })
})
