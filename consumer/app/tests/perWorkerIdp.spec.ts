import { test as base, expect } from '@playwright/test'
import { mockIdpServerFixtures } from '@latchkey/testing/playwright'
import { signInWithPopup } from './signInWithPopup'

// No IdP in the config for these: each worker starts its own on a free port, for the app's authority.
const test = base.extend(mockIdpServerFixtures({ issuer: 'http://127.0.0.1:9450', clients: [{ clientId: 'smoke', redirectUris: ['http://127.0.0.1:4450/callback', 'http://127.0.0.1:4450/popup-callback.html'] }] }))
const alice = { username: 'alice', password: 'alice' }

test('redirect sign-in against the worker’s own mock IdP', async ({ page, signIn, idp }) => {
  expect(idp.issuer).not.toBe('http://127.0.0.1:9450')
  await signIn(alice, '/profile')
  await expect(page.getByText('Signed in as Alice Liddell')).toBeVisible()
  expect(await idp.tokenRequests('authorization_code')).toBe(1)
})

test('popup sign-in against the worker’s own mock IdP', async ({ page, idp }) => {
  await page.goto('/')
  await signInWithPopup(page, idp.issuer, alice)
  await expect(page.getByText('Signed in as Alice Liddell')).toBeVisible()
  expect(await idp.tokenRequests('authorization_code')).toBe(1)
})
