import type { Page } from '@playwright/test'
import { alice, expect, test } from './fixtures.js'

// One test per way an identity provider can answer wrongly, driven by a mock IdP fault. Each asserts
// what the user sees (the error and its code), that no session was built, and that no token was kept.

/** Every token-ish value the app left in this origin's storage. */
async function storedTokens(page: Page): Promise<string[]> {
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))
  return ['accessToken', 'refreshToken', 'idToken'].filter((name) => stored.includes(name))
}

async function expectRefused(page: Page, code: string): Promise<void> {
  await expect(page.getByRole('alert').filter({ hasText: code }).first()).toBeVisible()
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign in' })).toBeVisible()
  expect(await storedTokens(page)).toEqual([])
}

const refusedAfterSignIn = [
  ['an ID token from another issuer', 'id_token_wrong_issuer', 'invalid_token'],
  ['an ID token for another client', 'id_token_wrong_audience', 'invalid_token'],
  ['an ID token whose azp is another client', 'id_token_azp_mismatch', 'invalid_token'],
  ['an ID token without iat', 'id_token_missing_iat', 'invalid_token'],
  ['an ID token without sub', 'id_token_missing_sub', 'invalid_token'],
  ['an expired ID token', 'id_token_expired', 'invalid_token'],
  ['an ID token with alg none', 'id_token_alg_none', 'invalid_token'],
  ['an ID token with another nonce', 'id_token_invalid_nonce', 'invalid_token'],
  ['an authorization response with another iss (RFC 9207)', 'authorization_response_wrong_iss', 'invalid_token'],
  // The demo adds the idTokenSignature feature.
  ['an ID token whose signature does not verify', 'id_token_bad_signature', 'invalid_token'],
] as const

test.describe('a bad identity provider builds no session', () => {
  for (const [what, fault, code] of refusedAfterSignIn) {
    test(`refuses ${what} with ${code}`, async ({ page, idp }) => {
      await idp.setFaults([fault])
      await page.goto('/profile')
      await idp.signInAs(alice)
      await expect(page).toHaveURL('/profile')
      await expectRefused(page, code)
    })
  }

  test('refuses a discovery document whose issuer is not the authority, before leaving the app', async ({ page, idp }) => {
    await idp.setFaults(['discovery_issuer_mismatch'])
    await page.goto('/profile')
    await expect(page).toHaveURL('/profile')
    await expectRefused(page, 'config')
    expect(await idp.tokenRequests('authorization_code')).toBe(0)
  })

  test('refuses userinfo claims for another user with invalid_token', async ({ page, idp }) => {
    // The demo loads userinfo at sign-in only when the session page says so (and then without DPoP).
    await page.addInitScript(() => localStorage.setItem('latchkey-demo:userinfo', 'on'))
    await idp.setFaults(['userinfo_wrong_sub'])
    await page.goto('/profile')
    await idp.signInAs(alice)
    await expect(page).toHaveURL('/profile')
    await expectRefused(page, 'invalid_token')
    expect((await idp.journal()).filter((entry) => entry.path === '/me' && entry.method === 'GET').map((entry) => entry.status)).toEqual([200])
  })

  test('still signs in after the IdP rotated its signing key', async ({ page, idp, app }) => {
    await idp.setFaults(['id_token_key_rotated'])
    await page.goto('/profile')
    await idp.signInAs(alice)
    await app.expectSignedInAs(alice)
  })

  test('refuses a callback whose state was never issued here, and shows none of a forged link', async ({ page, app }) => {
    const planted = 'Your account is locked. Call +1 555 0100 now.'
    await page.goto(`/callback?code=stolen&state=forged&iss=${encodeURIComponent(planted)}&error=access_denied&error_description=${encodeURIComponent(planted)}`)
    await expect(page.getByRole('alert').filter({ hasText: 'state_mismatch' }).first()).toBeVisible()
    await expect(page.getByText(/locked/)).toHaveCount(0)
    await expect(page).not.toHaveURL(/[?&](code|state|iss)=/)
    await app.expectSignedOut()
  })
})
