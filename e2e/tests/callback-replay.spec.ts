import { alice, expect, test } from './fixtures.js'
import { appOrigin } from './ports.js'

/** The page's own requests for the token endpoint with this code. */
function codeExchanges(page: import('@playwright/test').Page, code: string): { count: number } {
  const seen = { count: 0 }
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/token') && (request.postData() ?? '').includes(`code=${code}`)) seen.count += 1
  })
  return seen
}

async function signInCapturingCallback(page: import('@playwright/test').Page, signIn: () => Promise<void>): Promise<URL> {
  const callback = page.waitForRequest((request) => request.url().startsWith(`${appOrigin}/callback?`))
  await signIn()
  return new URL((await callback).url())
}

test.describe('the authorization code is redeemed exactly once', () => {
  test('under React StrictMode the callback makes one token request', async ({ page, idp }) => {
    const exchanges = { count: 0 }
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/token') && (request.postData() ?? '').includes('grant_type=authorization_code')) {
        exchanges.count += 1
      }
    })
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
    const replays = codeExchanges(page, code)

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
    const exchanges = { count: 0 }
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/token')) exchanges.count += 1
    })
    await page.goBack()
    await page.goBack()
    await expect(page).toHaveURL('/')
    await app.expectSignedInAs(alice)
    await page.goForward()
    await page.goForward()
    await app.expectSignedInAs(alice)
    expect(exchanges.count).toBe(0)
  })
})
