import type { Page } from '@playwright/test'
import { alice, closed, expect, refreshAtDjango, signInAtDjango, storedRefreshToken, test } from './fixtures.js'

async function signInOnSessionPage(page: Page): Promise<void> {
  await page.goto('/session')
  await page.getByRole('button', { name: 'Sign in' }).first().click()
  await signInAtDjango(page, alice)
  await expect(page).toHaveURL('/session')
}

test.describe('a session at django-oauth-toolkit', () => {
  test('renews with the refresh token, which Django rotates: the old one is then refused', async ({ page, app, request }) => {
    await signInOnSessionPage(page)
    const first = await storedRefreshToken(page)
    await page.getByRole('button', { name: 'Renew now' }).click()
    await expect.poll(() => storedRefreshToken(page)).not.toBe(first)
    await app.expectSignedInAs(alice)
    expect(await refreshAtDjango(request, first)).toEqual({ status: 400, error: 'invalid_grant' })
    // The rotated token works: a second renewal keeps the session.
    const second = await storedRefreshToken(page)
    await page.getByRole('button', { name: 'Renew now' }).click()
    await expect.poll(() => storedRefreshToken(page)).not.toBe(second)
    await app.expectSignedInAs(alice)
  })

  test('auth.fetch calls Django\'s userinfo endpoint with the access token', async ({ page }) => {
    await signInOnSessionPage(page)
    await page.getByRole('button', { name: 'Call userinfo' }).click()
    const answer = page.getByTestId('userinfo')
    await expect(answer).toContainText(/^200 /)
    await expect(answer).toContainText('"email": "alice@example.com"')
    await expect(answer).toContainText('"name": "Alice Liddell"')
  })

  test('signs out without an error, revoking the refresh token through the configured revocation endpoint', async ({ page, app, request }) => {
    await signInOnSessionPage(page)
    const refreshToken = await storedRefreshToken(page)
    await app.signOut()
    await app.expectSignedOut()
    // Django has no end-session endpoint: the app says so instead of failing.
    await expect(page.getByRole('status')).toHaveText('Signed out of this app. You are still signed in at the identity provider.')
    await expect(page.getByRole('alert')).toHaveCount(0)
    expect(await refreshAtDjango(request, refreshToken)).toEqual({ status: 400, error: 'invalid_grant' })
  })

  test('a scope Django does not know ends in invalid_scope, naming the scopes asked for', async ({ page, app }) => {
    await signInOnSessionPage(page)
    // The demo asks for orders:write by popup; Django's SCOPES has no such scope.
    const popupOpened = page.waitForEvent('popup')
    await page.getByRole('button', { name: 'Grant orders:write' }).click()
    await closed(await popupOpened)
    await expect(app.errorBanner()).toContainText('invalid_scope')
    await expect(app.errorBanner()).toContainText('"openid profile email orders:write"')
    await app.expectSignedInAs(alice)
  })
})
