import type { TestProject } from 'vitest/node'
import { createMockIdp } from '@latchkey/mock-idp'

declare module 'vitest' {
  export interface ProvidedContext {
    benchIssuer: string
  }
}

/**
 * The benchmark's real OpenID Provider, started by vitest outside the jsdom environment (jsdom's URL
 * and stream classes break oidc-provider's server). One client per library, so neither library's
 * session or grant at the IdP can help or hinder the other.
 */
export default async function startMockIdp(project: TestProject): Promise<() => Promise<void>> {
  const redirectUris = ['http://127.0.0.1:5173/callback']
  const idp = await createMockIdp({
    port: 0,
    clients: [
      { clientId: 'latchkey', redirectUris },
      { clientId: 'react-oidc-context', redirectUris },
    ],
  })
  project.provide('benchIssuer', idp.issuer)
  return () => idp.close()
}
