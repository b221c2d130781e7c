import { defineFeature, type AuthFeature } from './AuthFeature.js'
import { createAuthFetch } from './createAuthFetch.js'

/** What the fetch feature brings to the client. */
export interface AuthFetchCode {
  create: typeof createAuthFetch
}

/**
 * `auth.fetch()`: `fetch` with the bearer token, one renewal and retry on a 401, and step-up on a 403
 * `insufficient_scope` (by popup with the popup feature, else by redirect; see `stepUp`).
 *
 * @example
 * import { authFetch } from '@latchkey/core/fetch'
 * const auth = createAuthClient({ authority, clientId, features: [authFetch()] })
 * const response = await auth.fetch('/api/orders')
 */
export function authFetch(): AuthFeature<'fetch'> {
  return defineFeature('fetch', { create: createAuthFetch } satisfies AuthFetchCode)
}
