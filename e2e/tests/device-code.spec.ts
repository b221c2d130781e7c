import type { Browser, Page } from '@playwright/test'
import { MockIdpPage, type MockIdpJournalEntry } from '@latchkey/testing/playwright'
import { alice, expect, test, type ConsoleErrors } from './fixtures.js'
import { idpIssuer } from './ports.js'

const deviceGrant = 'urn:ietf:params:oauth:grant-type:device_code'

/** The user's phone: a browser of its own, without the TV's cookies, that goes to the address the TV shows. */
async function approveOnPhone(browser: Browser, verificationUri: string, userCode: string): Promise<void> {
  const phone = await browser.newContext()
  try {
    const page = await phone.newPage()
    await page.goto(verificationUri)
    await page.getByLabel('Code shown on your device').fill(userCode)
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(page.getByLabel('Device code')).toHaveText(userCode)
    await page.getByRole('button', { name: 'Continue' }).click()
    await new MockIdpPage(page, idpIssuer).signInAs(alice)
    await expect(page.getByRole('heading', { name: 'Device connected' })).toBeVisible()
  } finally {
    await phone.close()
  }
}

/** Opens the TV page and reads the code and address it shows. */
async function openTv(page: Page, consoleErrors: ConsoleErrors): Promise<{ userCode: string; verificationUri: string }> {
  // Each poll before the user answers is a 400 authorization_pending, which Chromium logs.
  consoleErrors.allow(/status of 400/)
  await page.goto('/tv')
  const code = page.getByLabel('Your code')
  await expect(code).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/)
  // Drawn once its lazily loaded encoder has arrived.
  await expect(page.getByRole('img', { name: /QR code/ }).locator('path')).toHaveCount(1)
  const verificationUri = (await page.getByRole('link', { name: `${idpIssuer}/device` }).getAttribute('href')) ?? ''
  return { userCode: (await code.textContent()) ?? '', verificationUri }
}

/** The device sign-in on the TV page. */
const tv = (page: Page) => page.getByRole('region', { name: 'Sign in with another device' })

const polls = (journal: readonly MockIdpJournalEntry[]) => journal.filter((entry) => entry.grantType === deviceGrant)

test.describe('device sign-in on the /tv page', () => {
  test.beforeEach(async ({ idp }) => {
    await idp.configure({ deviceCodeInterval: 1 })
  })

  test('the TV shows a code; the user signs in on a phone; the TV is signed in', async ({ page, browser, app, consoleErrors }) => {
    const { userCode, verificationUri } = await openTv(page, consoleErrors)
    await expect(page.getByText(/The code expires in \d+:\d\d/)).toBeVisible()
    await approveOnPhone(browser, verificationUri, userCode)
    await expect(page.getByTestId('user-name')).toHaveText(alice.name)
    await app.expectSignedInAs(alice)
    // A session like any other: it survives a reload.
    await page.reload()
    await app.expectSignedInAs(alice)
  })

  test('after slow_down the TV waits 5 s longer between polls', async ({ page, idp, consoleErrors }) => {
    await openTv(page, consoleErrors)
    await expect.poll(async () => polls(await idp.journal()).length).toBeGreaterThanOrEqual(2)
    await idp.setFaults(['device_slow_down'])
    await expect.poll(async () => polls(await idp.journal()).some((entry) => entry.error === 'slow_down')).toBe(true)
    await idp.setFaults([])
    const afterSlowDown = async () => {
      const all = polls(await idp.journal())
      return all.slice(all.findIndex((entry) => entry.error === 'slow_down'))
    }
    await expect.poll(async () => (await afterSlowDown()).length).toBeGreaterThanOrEqual(2)

    const all = polls(await idp.journal())
    const slowDownAt = all.findIndex((entry) => entry.error === 'slow_down')
    const gap = (from: number) => Date.parse(all[from + 1]?.at ?? '') - Date.parse(all[from]?.at ?? '')
    const before = gap(slowDownAt - 1)
    const after = gap(slowDownAt)
    // The interval went from 1 s to 6 s: compare the two gaps, whatever the machine's speed.
    expect(after - before).toBeGreaterThanOrEqual(4_000)
  })

  test('a refusal shows on the TV, which offers a new code', async ({ page, idp, consoleErrors }) => {
    const first = await openTv(page, consoleErrors)
    await idp.setFaults(['device_access_denied'])
    await expect(tv(page).getByRole('status')).toHaveText('The sign-in was refused on the other device.')
    await expect(page.getByLabel('Your code')).toBeHidden()
    await idp.setFaults([])
    await page.getByRole('button', { name: 'Get a new code' }).click()
    await expect(page.getByLabel('Your code')).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/)
    await expect(page.getByLabel('Your code')).not.toHaveText(first.userCode)
  })

  test('an expired code shows on the TV, which offers a new code', async ({ page, idp, consoleErrors }) => {
    await openTv(page, consoleErrors)
    await idp.setFaults(['device_expired_token'])
    await expect(tv(page).getByRole('status')).toHaveText('The code expired before it was used.')
    await expect(page.getByRole('button', { name: 'Get a new code' })).toBeVisible()
    await expect(page.getByRole('main').getByRole('alert').first()).toContainText('device_code_expired')
  })
})
