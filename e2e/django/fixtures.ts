import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test'
import { demoFixtures, type DemoFixtures, type TestUser } from '../tests/demoFixtures.js'
import { clientId, djangoIssuer } from './ports.js'

export { closed } from '../tests/demoFixtures.js'

/** The user idps/django/start.py creates. */
export const alice: TestUser = { username: 'alice', password: 'alice', name: 'Alice Liddell' }

/** Django's login page (idps/django/latchkey_idp/templates/registration/login.html). */
export async function signInAtDjango(page: Page, user: TestUser): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Sign in to Django IdP' })).toBeVisible()
  await page.getByLabel('Username').fill(user.username)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** The refresh token the demo keeps for this tab (sessionStorage), as a test, or an attacker, can read it. */
export function storedRefreshToken(page: Page): Promise<string> {
  return page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((name) => name.endsWith(':session'))
    return (JSON.parse(sessionStorage.getItem(key ?? '') ?? '{}') as { refreshToken: string }).refreshToken
  })
}

/** A refresh grant at Django with `refreshToken`, outside the browser: its status and OAuth error. */
export async function refreshAtDjango(request: APIRequestContext, refreshToken: string): Promise<{ status: number; error: unknown }> {
  const response = await request.post(`${djangoIssuer}/token/`, {
    form: { grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken },
  })
  return { status: response.status(), error: ((await response.json()) as { error?: unknown }).error }
}

export const test = base.extend<DemoFixtures>(demoFixtures)

export { expect }
