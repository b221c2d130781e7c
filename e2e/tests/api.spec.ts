import { admin, alice, closed, expect, test } from './fixtures.js'

test.describe('access tokens and API calls', () => {
  test('tokens renew before they expire, and the API call still succeeds after the first token expired', async ({ page, idp }) => {
    await idp.configure({ accessTokenTtl: 5 })
    await page.goto('/orders')
    const firstRenewal = page.waitForRequest((request) => request.url().endsWith('/token') && (request.postData() ?? '').includes('grant_type=refresh_token'))
    await idp.signInAs(alice)
    await expect(page.getByRole('list', { name: 'Orders' })).toBeVisible()
    const signedInAt = Date.now()
    await firstRenewal
    const secondRenewal = page.waitForRequest((request) => request.url().endsWith('/token') && (request.postData() ?? '').includes('grant_type=refresh_token'))
    await secondRenewal
    // By now the first 5 s token has expired; the page's next API call goes out with a renewed one.
    expect(Date.now() - signedInAt).toBeGreaterThan(5000)
    const apiCall = page.waitForResponse((response) => response.url().endsWith('/api/orders'))
    await page.getByRole('link', { name: 'Session' }).click()
    await page.getByRole('link', { name: 'Orders' }).click()
    expect((await apiCall).status()).toBe(200)
    await expect(page.getByRole('list', { name: 'Orders' })).toBeVisible()
    // Scheduled from the real lifetime: two or three renewals in this time, not a loop.
    expect(await idp.tokenRequests('refresh_token')).toBeLessThanOrEqual(3)
  })

  test('step-up: an API call that needs orders:write asks for it in a popup, then succeeds', async ({ page, idp, consoleErrors }) => {
    consoleErrors.allow(/status of 403/)
    await page.goto('/orders')
    await idp.signInAs(alice)
    await expect(page.getByRole('list', { name: 'Orders' })).toBeVisible()
    // The demo API keeps orders for the life of the suite: a unique item keeps the test repeatable.
    const item = `Earl Grey ${crypto.randomUUID().slice(0, 8)}`
    await page.getByLabel('New order').fill(item)
    const popupOpened = page.waitForEvent('popup')
    await page.getByRole('button', { name: 'Add order' }).click()
    const popup = await popupOpened
    // The IdP session is still there: the popup comes straight back with the wider grant and closes.
    await closed(popup)
    await expect(page.getByRole('list', { name: 'Orders' }).getByText(item)).toBeVisible()
    await page.getByRole('link', { name: 'Session' }).click()
    await expect(page.getByRole('list', { name: 'Granted scopes' }).getByText('orders:write')).toBeVisible()
    expect(await idp.tokenRequests('authorization_code')).toBe(2)
  })

  test('the session panel grants orders:write on request, and the session keeps its profile and roles', async ({ page, idp, app }) => {
    await page.goto('/session')
    await idp.signInAs(admin)
    const popupOpened = page.waitForEvent('popup')
    await page.getByRole('button', { name: 'Grant orders:write' }).click()
    await closed(await popupOpened)
    await expect(page.getByRole('list', { name: 'Granted scopes' }).getByText('orders:write')).toBeVisible()
    // The step-up asked for what the session had as well, so the new ID token still names the admin.
    await app.expectSignedInAs(admin)
    await page.goto('/admin')
    await expect(page.getByRole('heading', { name: 'Admin' })).toBeVisible()
    await page.reload()
    await expect(page.getByRole('heading', { name: 'Admin' })).toBeVisible()
    await app.expectSignedInAs(admin)
  })
})
