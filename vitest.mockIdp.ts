import type { TestProject } from 'vitest/node'
import { createMockIdp } from '@latchkey/mock-idp'

declare module 'vitest' {
  export interface ProvidedContext {
    idpIssuer: string
  }
}

/**
 * A vitest globalSetup: one real OpenID Provider for a package's tests, started outside the jsdom
 * environment, where its server code would run on jsdom's URL and stream classes. Tests reach its
 * faults and journal over its HTTP control endpoints, as an app's tests in another process would.
 */
export default async function startMockIdp(project: TestProject): Promise<() => Promise<void>> {
  const idp = await createMockIdp({
    port: 0,
    // Long enough for a test to act while a token request is in flight, short enough to keep suites quick.
    slowTokenDelayMs: 300,
    clients: [
      { clientId: 'spa', redirectUris: ['http://127.0.0.1:5173/callback', 'http://127.0.0.1:5173/popup-callback.html'] },
      // An IdP that gives this app no refresh token: renewal falls back to the hidden iframe.
      { clientId: 'spa-no-refresh', refreshTokens: false, redirectUris: ['http://127.0.0.1:5173/callback', 'http://127.0.0.1:5173/popup-callback.html'] },
    ],
  })
  project.provide('idpIssuer', idp.issuer)
  return () => idp.close()
}
