import type { Fixtures, PlaywrightTestArgs, PlaywrightTestOptions, PlaywrightWorkerArgs, PlaywrightWorkerOptions } from '@playwright/test'
import { createMockIdp, type MockClient, type MockIdp } from '@latchkey/mock-idp'
import { MockIdpPage } from './MockIdpPage.js'
import { signInThrough, useResetIdp, type MockIdpFixtures } from './mockIdpFixtures.js'

/** The worker-scoped fixture of `mockIdpServerFixtures`. */
export interface MockIdpServerWorkerFixtures {
  /** The worker's own mock IdP, for tests that need more than the page object offers. */
  mockIdpServer: MockIdp
}

/** Options of `mockIdpServerFixtures`. */
export interface MockIdpServerOptions {
  /**
   * The authority the app was built with, such as `'http://127.0.0.1:9400'`. Nothing needs to listen
   * there: each worker's IdP issues its tokens for this issuer, and the app's discovery request to it
   * is answered by the worker's IdP, whose endpoints are on its own free port.
   */
  issuer: string
  /** The app's clients, as `createMockIdp` takes them (`clientId` and `redirectUris`). */
  clients: MockClient[]
  /** Settings to restore around each test, as `POST /__mock/settings` takes them. Default: none. */
  settings?: Readonly<Record<string, unknown>>
}

/**
 * Playwright fixtures that start a mock IdP per worker on a free port, so test files can run in
 * parallel, each worker with its own IdP, faults and journal, and no IdP in the Playwright config.
 * `idp` and `signIn` are those of `mockIdpFixtures`.
 *
 * @example
 * const test = base.extend(mockIdpServerFixtures({ issuer: 'http://127.0.0.1:9400', clients: [{ clientId: 'spa', redirectUris: ['http://127.0.0.1:4173/callback'] }] }))
 */
export function mockIdpServerFixtures({
  issuer,
  clients,
  settings,
}: MockIdpServerOptions): Fixtures<MockIdpFixtures, MockIdpServerWorkerFixtures, PlaywrightTestArgs & PlaywrightTestOptions, PlaywrightWorkerArgs & PlaywrightWorkerOptions> {
  const discovery = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`
  return {
    mockIdpServer: [
      // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
      async ({}, use) => {
        const server = await createMockIdp({ port: 0, issuer, clients })
        await use(server)
        await server.close()
      },
      { scope: 'worker' },
    ],
    idp: [
      async ({ page, context, mockIdpServer }, use) => {
        const here = `http://127.0.0.1:${mockIdpServer.port}`
        // The app asks its authority for the discovery document; the worker's IdP answers with its own
        // endpoints (it names them after the host it is asked on), so everything after goes to it.
        await context.route(discovery, async (route) => route.fulfill({ response: await route.fetch({ url: `${here}/.well-known/openid-configuration` }) }))
        await useResetIdp(new MockIdpPage(page, here), settings, use)
      },
      { auto: true },
    ],
    signIn: async ({ page, idp }, use) => {
      await use(signInThrough(page, idp))
    },
  }
}
