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

for (const [server, origin] of [
  ['the production build', 'http://127.0.0.1:4450'],
  ['Vite dev, on its first load', 'http://127.0.0.1:4451'],
] as const) {
  test(`popup sign-in with no callback page of its own, in ${server}`, async ({ page, idp }) => {
    await page.goto(`${origin}/`)
    await signInWithPopup(page, idp.issuer, alice)
    await expect(page.getByText('Signed in as Alice Liddell')).toBeVisible()
  })
}
