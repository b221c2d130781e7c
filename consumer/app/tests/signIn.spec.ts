import { test as base, expect } from '@playwright/test'
import { mockIdpFixtures } from '@latchkey/testing/playwright'
import { signInWithPopup } from './signInWithPopup'

const test = base.extend(mockIdpFixtures({ issuer: 'http://127.0.0.1:9450' }))
const alice = { username: 'alice', password: 'alice' }

test('redirect sign-in to a guarded route', async ({ page, signIn }) => {
  await signIn(alice, '/profile')
  await expect(page).toHaveURL('/profile')
  await expect(page.getByText('Signed in as Alice Liddell')).toBeVisible()
})

for (const [server, origin, callbackPath] of [
  ['the production build, ending on the light page latchkeyCallbackPage() builds', 'http://127.0.0.1:4450', '/popup-callback.html'],
  ["Vite dev, on its first load, ending on the app's own /callback", 'http://127.0.0.1:4451', '/callback'],
] as const) {
  test(`popup sign-in in ${server}`, async ({ page, idp }) => {
    const callbackLoaded = page.context().waitForEvent('request', (request) => new URL(request.url()).pathname === callbackPath)
    await page.goto(`${origin}/`)
    await signInWithPopup(page, idp.issuer, alice)
    await callbackLoaded
    await expect(page.getByText('Signed in as Alice Liddell')).toBeVisible()
  })
}
