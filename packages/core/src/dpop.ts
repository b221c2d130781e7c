/**
 * The DPoP feature (RFC 9449): tokens bound to a key that never leaves the browser. Also `@latchkey/react/dpop`.
 *
 * @module @latchkey/core/dpop
 */
import { AuthError } from './AuthError.js'
import { dev } from './dev.js'
import { defineFeature, type AuthFeature } from './AuthFeature.js'
import { checkDpopTokenType, checkIdpSupportsDpop } from './checkDpopSupport.js'
import { dpopThumbprint } from './createDpopProof.js'
import { createDpopKeyStore, dpopKeyPair, type DpopKeyStore } from './dpopKeys.js'
import { createDpopSender, type DpopTarget } from './sendWithDpop.js'

/** DPoP for one client: what its token requests and its `auth.fetch` calls use. */
export interface DpopBinding {
  /** The key's thumbprint, sent as `dpop_jkt` so that the authorization code is bound to the key too. */
  thumbprint(): Promise<string>
  /** The key pair itself, for the device grant's requests, which oauth4webapi signs. */
  keyPair(): Promise<CryptoKeyPair>
  /** Sends a request with its proof: to an API with the DPoP-bound `accessToken`, to the token endpoint without. */
  send(target: DpopTarget, accessToken?: string): Promise<Response>
  /** Throws a `config` error unless the IdP's discovery document announces DPoP with ES256. */
  checkIdp(document: Record<string, unknown>, issuer: string): void
  /** Throws `invalid_token` unless a token response's `token_type` is DPoP. */
  checkTokenType(tokenType: string | undefined): void
}

/** What the DPoP feature brings to the client. */
export interface DpopCode {
  /** Throws a `config` error for options that DPoP cannot work with. */
  connect(config: { clientId: string; loadUserInfo: boolean }): DpopBinding
}

/** Options of `dpop()`. */
export interface DpopFeatureOptions {
  /**
   * Where the key pairs live. Default: IndexedDB (database `oidc`, store `dpop`, as oidc-client-ts
   * keeps them), falling back to this tab's memory where IndexedDB is unavailable.
   * @internal A seam for tests.
   */
  keyStore?: DpopKeyStore
}

function connect(store: DpopKeyStore, { clientId, loadUserInfo }: Parameters<DpopCode['connect']>[0]): DpopBinding {
  if (loadUserInfo) {
    // Userinfo is loaded with `Authorization: Bearer`, which a server that checks DPoP refuses for a bound token.
    throw new AuthError(
      'config',
      dev
        ? 'loadUserInfo cannot be used with dpop(): the sign-in would send the DPoP-bound token to userinfo as a bearer token. Leave loadUserInfo off and call the userinfo endpoint with auth.fetch(), which sends the proof.'
        : 'loadUserInfo cannot be used with dpop().',
    )
  }
  // Read from IndexedDB once per page, not on every sign-in request and API call.
  let keys: Promise<CryptoKeyPair> | undefined
  const keyPair = () =>
    (keys ??= dpopKeyPair(store, clientId).catch((err: unknown) => {
      keys = undefined
      throw err
    }))
  return {
    thumbprint: async () => dpopThumbprint(await keyPair()),
    keyPair,
    send: createDpopSender(keyPair),
    checkIdp: checkIdpSupportsDpop,
    checkTokenType: checkDpopTokenType,
  }
}

/**
 * Binds the tokens to a key that never leaves this browser (DPoP, RFC 9449): the access and refresh
 * tokens the IdP issues are usable only with proofs that the key signs, so a token copied out of
 * storage, a log or a proxy is useless elsewhere. The key pair is generated non-extractable and kept
 * in IndexedDB.
 *
 * - Token requests carry proofs, and the authorization code is bound to the key (`dpop_jkt`).
 * - `auth.fetch()` (the fetch feature) sends `Authorization: DPoP …` with a proof per request, and
 *   retries once when an API asks for a nonce (`use_dpop_nonce`).
 * - The IdP must support DPoP with ES256 (`dpop_signing_alg_values_supported`); `login()` rejects
 *   with a `config` error when it does not, and a sign-in that comes back with a bearer token is
 *   refused rather than silently downgraded.
 *
 * What it does not stop: script running in the app (XSS) can still ask the key to sign while the page
 * is open. It stops the stolen token from being used anywhere else, or later.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9449
 * @example
 * import { dpop } from '@latchkey/core/dpop'
 * import { authFetch } from '@latchkey/core/fetch'
 * const auth = createAuthClient({ authority, clientId, features: [dpop(), authFetch()] })
 */
export function dpop(options: DpopFeatureOptions = {}): AuthFeature<'dpop'> {
  const store = createDpopKeyStore(options.keyStore)
  return defineFeature('dpop', { connect: (config) => connect(store, config) } satisfies DpopCode)
}
