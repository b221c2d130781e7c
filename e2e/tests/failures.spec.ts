import { alice, expect, test } from './fixtures.js'
import { idpIssuer } from './ports.js'

test.describe('sign-in failures', () => {
  test('consent denied comes back as access_denied, shown instead of retried', async ({ page, idp }) => {
    await idp.configure({ consent: 'prompt' })
    await page.goto('/profile')
    await idp.signInAs(alice)
    await idp.answerConsent('Deny')
    await expect(page).toHaveURL('/profile')
    await expect(page.getByRole('main').getByRole('alert').first()).toContainText('access_denied')
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible()
    expect(await idp.tokenRequests('authorization_code')).toBe(0)
  })

  test('an IdP that is down at start-up gives a network error, not a redirect loop', async ({ page, consoleErrors }) => {
    consoleErrors.allow(/ERR_CONNECTION_REFUSED|Failed to load resource/)
    await page.route(`${idpIssuer}/**`, (route) => route.abort('connectionrefused'))
    const failedLoads: string[] = []
    page.on('requestfailed', (request) => failedLoads.push(request.url()))
    await page.goto('/profile')
    await expect(page.getByRole('main').getByRole('alert').first()).toContainText(/could not reach the identity provider/i)
    await expect(page).toHaveURL('/profile')
    expect(failedLoads).toHaveLength(1)
  })

  test('a refresh answered with invalid_grant signs out with a message, and nothing retries', async ({ page, idp, app, consoleErrors }) => {
    consoleErrors.allow(/status of 400/)
    await page.goto('/session')
    await idp.signInAs(alice)
    await expect(page.getByRole('heading', { name: 'Session' })).toBeVisible()
    await page.clock.install()
    await idp.setFaults(['refresh_invalid_grant'])
    await page.getByRole('button', { name: 'Renew now' }).click()
    await expect(app.errorBanner()).toContainText('refresh_failed')
    await app.expectSignedOut()
    // An hour of timers later: no renewal loop, and no bounce back to the IdP.
    await page.clock.runFor('01:00:00')
    await expect(page).toHaveURL('/session')
    expect(await idp.tokenRequests('refresh_token')).toBe(1)
  })
})
