import type { Page } from '@playwright/test'
import { alice, expect, test } from './fixtures.js'
import { appOrigin } from './ports.js'

/** Counts the page's token requests from now on, optionally only those whose form body has `matching`. */
function countTokenRequests(page: Page, matching = ''): { count: number } {
  const seen = { count: 0 }
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/token') && (request.postData() ?? '').includes(matching)) seen.count += 1
  })
  return seen
}

async function signInCapturingCallback(page: Page, signIn: () => Promise<void>): Promise<URL> {
  const callback = page.waitForRequest((request) => request.url().startsWith(`${appOrigin}/callback?`))
  await signIn()
  return new URL((await callback).url())
}

test.describe('the authorization code is redeemed exactly once', () => {
  test('under React StrictMode the callback makes one token request', async ({ page, idp }) => {
    const exchanges = countTokenRequests(page, 'grant_type=authorization_code')
    await page.goto('/profile')
    await signInCapturingCallback(page, () => idp.signInAs(alice))
    await expect(page.getByTestId('user-name')).toHaveText(alice.name)
    expect(exchanges.count).toBe(1)
  })

  test('reloading the old callback URL keeps the session and does not redeem the code again', async ({ page, idp, app }) => {
    await page.goto('/profile')
    const callbackUrl = await signInCapturingCallback(page, () => idp.signInAs(alice))
    await expect(page.getByTestId('user-name')).toHaveText(alice.name)
    const code = callbackUrl.searchParams.get('code') ?? ''
    const replays = countTokenRequests(page, `code=${code}`)

    await page.goto(callbackUrl.href)
    await app.expectSignedInAs(alice)
    await expect(page).not.toHaveURL(/[?&](code|state)=/)
    await expect(page.getByRole('alert')).toHaveCount(0)
    expect(replays.count).toBe(0)
  })

  test('the back button after sign-in does not sign in again or loop', async ({ page, idp, app }) => {
    await page.goto('/')
    await page.goto('/profile')
    await idp.signInAs(alice)
    await expect(page.getByTestId('user-name')).toHaveText(alice.name)
    const tokenRequests = countTokenRequests(page)

    await page.goBack()
    await expect(page.getByRole('heading', { name: 'Sign-in expired' })).toBeVisible()
    await page.goBack()
    await expect(page).toHaveURL('/profile')
    await expect(page.getByTestId('user-name')).toHaveText(alice.name)
    await page.goForward()
    await page.goForward()
    await expect(page).toHaveURL('/profile')
    await app.expectSignedInAs(alice)
    expect(tokenRequests.count).toBe(0)
  })
})
