import { alice, expect, test } from './fixtures.js'
import { apiOrigin } from './ports.js'

interface StoredSession {
  accessToken: string
  tokenType: string
}

test.describe('DPoP: tokens bound to a key in this browser', () => {
  test('the API takes the bound token from the app, refuses it copied out, and a reload keeps the key', async ({ page, idp, request, consoleErrors }) => {
    // The IdP's use_dpop_nonce answer, which the client retries.
    consoleErrors.allow(/status of 400 .*\/token\)/)
    // Short-lived tokens, so that the reloaded page must renew with the refresh token, which only the same key can use.
    await idp.configure({ accessTokenTtl: 5, requireDpopNonce: true })
    await page.goto('/orders')
    await idp.signInAs(alice)
    await expect(page.getByRole('list', { name: 'Orders' })).toBeVisible()

    const codeGrants = (await idp.journal()).filter((entry) => entry.grantType === 'authorization_code')
    // The IdP asked for its nonce once and the retry carried it; both requests carried a proof.
    expect(codeGrants.map((entry) => [entry.status, (entry as { dpop?: boolean }).dpop])).toEqual([
      [400, true],
      [200, true],
    ])
    const stored = await page.evaluate(() => {
      const key = Object.keys(sessionStorage).find((name) => name.endsWith(':session'))
      return key === undefined ? null : sessionStorage.getItem(key)
    })
    const session = JSON.parse(stored ?? 'null') as StoredSession
    expect(session.tokenType).toBe('DPoP')

    // Whoever copies the token out of storage cannot use it: not as a bearer token, not as DPoP without the key.
    const asBearer = await request.get(`${apiOrigin}/api/orders`, { headers: { Authorization: `Bearer ${session.accessToken}` } })
    const withoutProof = await request.get(`${apiOrigin}/api/orders`, { headers: { Authorization: `DPoP ${session.accessToken}` } })
    expect([asBearer.status(), withoutProof.status()]).toEqual([401, 401])
    expect(((await withoutProof.json()) as { error: string }).error).toBe('invalid_dpop_proof')

    await page.reload()
    const renewal = page.waitForResponse((response) => response.url().endsWith('/token') && (response.request().postData() ?? '').includes('grant_type=refresh_token') && response.ok())
    await renewal
    const ordersCall = page.waitForResponse((response) => response.url().endsWith('/api/orders'))
    await page.getByRole('button', { name: 'Reload orders' }).click()
    expect((await ordersCall).status()).toBe(200)
    await expect(page.getByRole('list', { name: 'Orders' })).toBeVisible()
    expect(await idp.invalidGrants()).toBe(0)
  })
})
