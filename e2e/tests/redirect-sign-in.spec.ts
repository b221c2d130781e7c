import { admin, alice, expect, test } from './fixtures.js'

test.describe('redirect sign-in', () => {
  test('a signed-out visit to /profile signs in at the IdP and comes back to /profile', async ({ page, idp, app }) => {
    await page.goto('/profile')
    await idp.signInAs(alice)
    await expect(page).toHaveURL('/profile')
    await expect(page.getByRole('heading', { name: 'Profile' })).toBeVisible()
    await expect(page.getByTestId('user-name')).toHaveText(alice.name)
    await app.expectSignedInAs(alice)
  })

  test('the URL after the callback carries no code, state or iss', async ({ page, idp }) => {
    await page.goto('/profile')
    await idp.signInAs(alice)
    await expect(page.getByTestId('user-name')).toHaveText(alice.name)
    const url = new URL(page.url())
    expect(url.pathname).toBe('/profile')
    expect([...url.searchParams.keys()]).toEqual([])
  })

  test('the router never sees the callback URL: no warning, no code in the console', async ({ page, idp }) => {
    const messages: string[] = []
    page.on('console', (message) => messages.push(message.text()))
    await page.goto('/profile')
    await idp.signInAs(alice)
    await expect(page.getByTestId('user-name')).toHaveText(alice.name)
    expect(messages.filter((text) => /No routes matched|code=|\/callback\?/.test(text))).toEqual([])
  })

  test('the sign-in button on the home page signs in', async ({ page, idp, app }) => {
    await page.goto('/')
    await page.getByRole('button', { name: 'Sign in with redirect' }).click()
    await idp.signInAs(admin)
    await expect(page).toHaveURL('/profile')
    await app.expectSignedInAs(admin)
  })

  test('a reload keeps the session', async ({ page, signIn, app }) => {
    await signIn(alice, '/profile')
    await expect(page.getByTestId('user-name')).toHaveText(alice.name)
    await page.reload()
    await expect(page.getByTestId('user-name')).toHaveText(alice.name)
    await app.expectSignedInAs(alice)
    await expect(page).toHaveURL('/profile')
  })
})

test.describe('roles', () => {
  test('a user without the admin role gets the forbidden view on /admin', async ({ page, idp }) => {
    await page.goto('/admin')
    await idp.signInAs(alice)
    await expect(page).toHaveURL('/admin')
    await expect(page.getByRole('heading', { name: 'Forbidden' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Admin' })).toHaveCount(0)
  })

  test('an admin sees the admin page', async ({ page, idp }) => {
    await page.goto('/admin')
    await idp.signInAs(admin)
    await expect(page.getByRole('heading', { name: 'Admin' })).toBeVisible()
  })
})
