import { SigninState, State } from 'oidc-client-ts'
import type { LoginOptions } from './AuthClient.js'
import { AuthError } from './AuthError.js'
import { dev } from './dev.js'
import { decodeJwtPart } from './decodeJwtPayload.js'
import { featureCode } from './AuthFeature.js'
import type { UserProfile } from './AuthState.js'
import type { PendingSigninStore } from './createPendingSigninStore.js'
import type { IdpMetadata } from './IdpMetadata.js'
import type { DpopBinding } from './dpop.js'
import type { IdTokenSignatureCode } from './idTokenSignature.js'
import { loadCachedMetadata, saveCachedMetadata } from './metadataCache.js'
import { configuredScopes } from './configuredScopes.js'
import { refusedScope } from './refusedScope.js'
import { revokeToken } from './revokeToken.js'
import type { ResolvedConfig } from './resolveConfig.js'
import { relayUrlState, stateId } from './relayedCallback.js'
import { oauthError, requestJson } from './requestJson.js'
import { sanitizeReturnTo } from './sanitizeReturnTo.js'
import { scopesOf, type Session } from './Session.js'
import { toAuthError } from './toAuthError.js'
import { verifyIdTokenClaims, type IdTokenExpectations } from './verifyIdTokenClaims.js'
import { verifyResponseIssuer } from './verifyResponseIssuer.js'
import { withDeadline } from './withDeadline.js'

/** Kept with the sign-in's stored state while the user is at the IdP, never put in the URL. */
export interface LoginState {
  returnTo: string
  appState?: unknown
  /** The `max_age` the sign-in asked for: its ID token's `auth_time` is checked against it. */
  maxAge?: number
}

/** What a token response (RFC 6749 §5.1) brings, from any grant. `expires_at` is in seconds since the epoch. */
export interface TokenAnswer {
  access_token?: string | undefined
  token_type?: string | undefined
  id_token?: string | undefined
  refresh_token?: string | undefined
  expires_at?: number | undefined
  scope?: string | undefined
}

export interface SigninRequest {
  url: string
  state: string
}

const protocolClaims = ['iss', 'aud', 'exp', 'iat', 'nbf', 'jti', 'auth_time', 'nonce', 'acr', 'amr', 'azp', 'at_hash', 'c_hash', 's_hash', 'sid']

/**
 * Redemptions under way in this document, by callback URL. Two clients built for the same page (React
 * StrictMode builds state twice) then share one token request instead of racing for the code.
 */
const redemptionsInFlight = new Map<string, Promise<{ answer: TokenAnswer; state: SigninState }>>()

function toProfile(claims: Record<string, unknown>): UserProfile {
  const profile: Record<string, unknown> = { ...claims }
  for (const claim of protocolClaims) delete profile[claim]
  return profile as unknown as UserProfile
}

function readLoginState(data: unknown, origin: string): LoginState {
  const state = data as Partial<LoginState> | null | undefined
  return {
    returnTo: sanitizeReturnTo(state?.returnTo, origin),
    appState: state?.appState,
    ...(typeof state?.maxAge === 'number' && { maxAge: state.maxAge }),
  }
}

export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`
}

/** Appends each of `params` that has a value: the optional ones are left out, not sent empty. */
function appendParams(target: URLSearchParams, params: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(params)) if (value !== undefined) target.append(name, value)
}

/** A field of an IdP's JSON answer, when it is a string. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** How long a sign-in started here may take before its stored state and verifier are dropped. */
const staleSigninSeconds = 900

export type Protocol = ReturnType<typeof createProtocol>

/**
 * Every exchange with the IdP, each with a deadline. oidc-client-ts makes and keeps each sign-in's
 * state, nonce and PKCE verifier (SigninState); the requests themselves are sent here. OidcClient,
 * which sends them in oidc-client-ts, cannot be tree-shaken: it brought popup, iframe, sign-out
 * response and userinfo code into every app, about 7 KB gzip (issue 7).
 */
export function createProtocol(config: ResolvedConfig, pending: PendingSigninStore, storageKey: string, dpop: DpopBinding | null = null) {
  const metadataKey = `${storageKey}:metadata`
  const deadlineMs = config.requestTimeoutSeconds * 1000
  // The app's own fields win over the IdP's document, fetched or cached.
  const givenMetadata = config.metadata ?? loadCachedMetadata(metadataKey, config.issuer)
  let document: Promise<IdpMetadata> | undefined = givenMetadata && Promise.resolve({ ...givenMetadata, ...config.metadataSeed })
  const send = dpop ? (url: string, init: RequestInit) => dpop.send({ url, init }) : undefined

  async function fetchMetadata(): Promise<IdpMetadata> {
    const found: IdpMetadata = {
      ...(await withDeadline(requestJson(`${config.authority}/.well-known/openid-configuration`), deadlineMs, 'Reading the discovery document')),
      ...config.metadataSeed,
    }
    if (found.issuer !== config.issuer) {
      throw new AuthError(
        'config',
        dev
          ? `The IdP's discovery names its issuer ${JSON.stringify(String(found.issuer).slice(0, 200))}, but authority is "${config.issuer}": they must be equal (OpenID Connect Discovery §4.3). If that is your IdP, set authority: ${JSON.stringify(String(found.issuer).slice(0, 200))}; else the document is not to be trusted.`
          : '',
        { cause: { expected: config.issuer, actual: found.issuer } },
      )
    }
    saveCachedMetadata(metadataKey, found)
    return found
  }

  /**
   * The discovery document, fetched at most once per hour per tab (see metadataCache), and only if its
   * `issuer` is the authority itself: an impostor's document is never used, nor kept. The app's own
   * `metadata` was checked at creation, and a cached document when it was fetched; a failed fetch is
   * tried again on the next call.
   *
   * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfigurationValidation
   */
  function metadata(): Promise<IdpMetadata> {
    document ??= fetchMetadata().catch((err: unknown) => {
      document = undefined
      throw err
    })
    return document
  }

  /** The IdP's endpoint `name`, or a `config` error that names what it lacks. */
  async function endpoint(name: 'authorization_endpoint' | 'token_endpoint' | 'userinfo_endpoint'): Promise<string> {
    const url = (await metadata())[name]
    if (!url) throw new AuthError('config', dev ? `The identity provider publishes no ${name}.` : name)
    return url
  }

  /** A token request (RFC 6749 §3.2), with a DPoP proof when tokens are bound. */
  async function requestTokens(params: Record<string, string | undefined>): Promise<TokenAnswer> {
    const body = new URLSearchParams()
    appendParams(body, { ...params, client_id: config.clientId })
    const init = { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' }, body }
    const answer = await requestJson(await endpoint('token_endpoint'), init, send)
    const expiresIn = Number(answer['expires_in'] ?? NaN)
    return {
      access_token: text(answer['access_token']),
      token_type: text(answer['token_type']),
      id_token: text(answer['id_token']),
      refresh_token: text(answer['refresh_token']),
      scope: text(answer['scope']),
      expires_at: expiresIn >= 0 ? Math.floor(Date.now() / 1000 + expiresIn) : undefined,
    }
  }

  /** The userinfo claims (OpenID Connect Core §5.3), which must be about the ID token's `sub`. */
  async function userInfo(accessToken: string, sub: unknown): Promise<Record<string, unknown>> {
    const init = { headers: { Accept: 'application/json, application/jwt', Authorization: `Bearer ${accessToken}` } }
    const claims = await withDeadline(requestJson(await endpoint('userinfo_endpoint'), init), deadlineMs, 'Loading the user info')
    if (claims['sub'] !== sub) throw new AuthError('invalid_token', dev ? 'The userinfo endpoint answered about another user than the ID token names.' : '')
    return claims
  }

  /** What an ID token from this IdP is checked against. */
  async function expectations(maxAge?: number, nonce?: string): Promise<IdTokenExpectations> {
    const announced = ((await metadata()) as Record<string, unknown>)['id_token_signing_alg_values_supported']
    return {
      issuer: config.issuer,
      clientId: config.clientId,
      now: Math.floor(Date.now() / 1000),
      clockSkew: config.clockSkewSeconds,
      // OpenID Connect Discovery: RS256 when the IdP announces nothing.
      algorithms: Array.isArray(announced) ? announced.filter((alg): alg is string => typeof alg === 'string') : ['RS256'],
      ...(maxAge !== undefined && { maxAge }),
      ...(nonce !== undefined && { nonce }),
    }
  }

  const signatureFeature = featureCode<IdTokenSignatureCode>(config.features, 'id-token-signature')
  let verifySignature: ((idToken: string, algorithms: readonly string[]) => Promise<void>) | undefined

  /** With the ID token signature feature, checks `response`'s ID token against the IdP's keys. */
  async function checkSignature(response: TokenAnswer, expected: IdTokenExpectations): Promise<void> {
    if (!signatureFeature || !response.id_token) return
    const jwksUri = (await metadata()).jwks_uri
    if (!jwksUri) throw new AuthError('config', dev ? 'The identity provider publishes no jwks_uri, so the ID token signature cannot be checked.' : '')
    verifySignature ??= signatureFeature.createVerifier(jwksUri, deadlineMs)
    await verifySignature(response.id_token, expected.algorithms ?? ['RS256'])
  }

  /** What was stored for the sign-in that `url` answers: null when it names none started here, {} when unreadable. */
  async function pendingSignin(url: string): Promise<{ data?: unknown } | null> {
    const state = new URL(url).searchParams.get('state')
    const stored = state === null ? null : await pending.get(stateId(state))
    if (stored === null) return null
    try {
      return JSON.parse(stored) as { data?: unknown }
    } catch {
      return {}
    }
  }

  /** What login() left for the sign-in that `url` answers, or null when it names none started here. */
  async function pendingLoginState(url: string): Promise<LoginState | null> {
    const stored = await pendingSignin(url)
    return stored && readLoginState(stored.data, config.origin)
  }

  const noAccessToken = dev ? 'The identity provider returned no access token.' : ''

  const notStartedHere = () =>
    new AuthError(
      'state_mismatch',
      dev
        ? 'This sign-in response does not belong to a sign-in started here (it was already used, or it was started in another browser).'
        : '',
    )

  /**
   * Takes the sign-in that `url` answers out of storage (a response is redeemed once), then redeems its
   * code with its PKCE verifier (RFC 7636 §4.5).
   */
  async function redeemCode(url: string, context: string): Promise<{ answer: TokenAnswer; state: SigninState }> {
    const params = new URL(url).searchParams
    const stored = await pending.remove(stateId(params.get('state') ?? ''))
    if (!stored) throw notStartedHere()
    const state = await SigninState.fromStorageString(stored)
    if (state.authority !== config.authority || state.client_id !== config.clientId) throw notStartedHere()
    try {
      const error = params.get('error')
      if (error) throw oauthError(error, params.get('error_description'))
      const code = params.get('code')
      if (!code) throw new AuthError('idp_error', dev ? 'The identity provider answered without an authorization code.' : '')
      const answer = await requestTokens({ grant_type: 'authorization_code', code, redirect_uri: state.redirect_uri, code_verifier: state.code_verifier })
      return { answer, state }
    } catch (err) {
      throw refusedScope(err, state.scope, (await metadata()).scopes_supported, context)
    }
  }

  /**
   * The session `response` makes, once its ID token has passed every check; a renewal's must also be
   * about the same user and sign-in as the `previous` one (OpenID Connect Core §12.2).
   */
  async function toSession(response: TokenAnswer, expected: IdTokenExpectations, lineage: string, version: number, requestedScope: string, previous?: string): Promise<Session> {
    if (!response.id_token) {
      throw new AuthError('invalid_token', dev ? 'The identity provider returned no ID token. Make sure the scope includes "openid".' : '')
    }
    const claims = verifyIdTokenClaims(response.id_token, expected)
    if (previous !== undefined) {
      const before = decodeJwtPart(previous, 1)
      if (claims['sub'] !== before['sub']) throw new AuthError('invalid_token', dev ? 'The renewed ID token is for another user.' : '')
      if (claims['azp'] !== before['azp'] || (claims['auth_time'] !== undefined && claims['auth_time'] !== before['auth_time'])) {
        throw new AuthError('invalid_token', dev ? 'The renewed ID token is for another sign-in than the session (its azp or auth_time changed).' : '')
      }
    }
    if (!response.access_token) throw new AuthError('invalid_token', noAccessToken)
    dpop?.checkTokenType(response.token_type)
    const profileClaims = config.loadUserInfo ? { ...claims, ...(await userInfo(response.access_token, claims['sub'])) } : claims
    return {
      accessToken: response.access_token,
      tokenType: response.token_type || 'Bearer',
      idToken: response.id_token,
      refreshToken: response.refresh_token,
      issuedAt: Date.now(),
      expiresAt: (response.expires_at ?? (claims['exp'] as number)) * 1000,
      // RFC 6749 §5.1: a response without `scope` granted what was asked.
      scopes: scopesOf(response.scope || requestedScope),
      profile: toProfile(profileClaims),
      lineage,
      version,
    }
  }

  async function processResponse(url: string, context: string) {
    // Refused before anything else in it is read. A second client of this page shares the first one's
    // redemption, which already took the state out of storage.
    if (!redemptionsInFlight.has(url) && !(await pendingSignin(url))) throw notStartedHere()
    const document = await metadata()
    // Checked before the code is redeemed, so a code from a mixed-up IdP is never sent anywhere.
    verifyResponseIssuer(url, config.issuer, document.authorization_response_iss_parameter_supported === true)
    let redemption = redemptionsInFlight.get(url)
    if (!redemption) {
      redemption = withDeadline(redeemCode(url, context), deadlineMs, context).finally(() => redemptionsInFlight.delete(url))
      redemptionsInFlight.set(url, redemption)
    }
    const { answer, state } = await redemption
    const loginState = readLoginState(state.data, config.origin)
    return { loginState, session: await sessionOf(answer, state.scope, loginState.maxAge, state.nonce) }
  }

  /** The checks every sign-in's tokens pass, then its new session. */
  async function sessionOf(response: TokenAnswer, requested: string, maxAge?: number, nonce?: string): Promise<Session> {
    const expected = await expectations(maxAge, nonce)
    await checkSignature(response, expected)
    return toSession(response, expected, crypto.randomUUID(), 0, requested)
  }

  const clearStaleSignins = () => State.clearStaleState(pending, staleSigninSeconds).catch(() => undefined)

  return {
    metadata,
    pendingLoginState,
    /** A sign-in's token response that no redirect brought (the device grant), checked as a redirect's is: its new session. */
    sessionOf: (response: TokenAnswer, requested: string) => sessionOf(response, requested),

    /**
     * Starts a sign-in: the authorization URL and its state. `scope` adds to `baseScopes`. A `relayed`
     * one (popup, silent iframe) comes back to `popupRedirectUri`, marked so that the page there hands
     * the answer to this window.
     */
    async signinRequest(options: LoginOptions, baseScopes: readonly string[], relayed = false): Promise<SigninRequest> {
      const document = await metadata()
      const methods = document.code_challenge_methods_supported
      // An IdP that ignores PKCE would leave the code unprotected: refuse one that says it lacks S256.
      if (Array.isArray(methods) && !methods.includes('S256')) {
        throw new AuthError(
          'config',
          dev
            ? `The identity provider at ${config.issuer} does not announce PKCE with S256 (code_challenge_methods_supported: ${JSON.stringify(methods).slice(0, 100)}). Turn on PKCE S256 for this client at the IdP; a browser app must not sign in without it.`
            : '',
        )
      }
      dpop?.checkIdp(document as Record<string, unknown>, config.issuer)
      const url = new URL(await endpoint('authorization_endpoint'))
      const loginState: LoginState = {
        returnTo: sanitizeReturnTo(options.returnTo ?? currentPath(), config.origin),
        ...(options.appState !== undefined && { appState: options.appState }),
        ...(options.maxAge !== undefined && { maxAge: options.maxAge }),
      }
      const scope = [...new Set([...configuredScopes(config, document.scopes_supported), ...baseScopes, ...scopesOf(options.scope)])].join(' ')
      const redirectUri = relayed ? config.popupRedirectUri : config.redirectUri
      const nonce = crypto.randomUUID()
      // oidc-client-ts makes the state's id, the PKCE verifier and its S256 challenge, and the record kept until the answer.
      const state = await SigninState.create({
        data: loginState,
        code_verifier: true,
        client_id: config.clientId,
        authority: config.authority,
        redirect_uri: redirectUri,
        scope,
        nonce,
        ...(relayed && { url_state: relayUrlState }),
      })
      await clearStaleSignins()
      await pending.set(state.id, state.toStorageString())
      const params = {
        client_id: config.clientId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope,
        nonce,
        dpop_jkt: dpop ? await dpop.thumbprint() : undefined,
        state: relayed ? `${state.id};${relayUrlState}` : state.id,
        code_challenge: state.code_challenge,
        code_challenge_method: 'S256',
        response_mode: 'query',
        prompt: options.prompt,
        login_hint: options.loginHint,
        max_age: options.maxAge?.toString(),
        acr_values: options.acrValues,
        ui_locales: options.uiLocales,
        ...config.extraQueryParams,
        ...options.extraParams,
      }
      appendParams(url.searchParams, params)
      return { url: url.href, state: state.id }
    },

    /** Checks and redeems an authorization response: a new session, and the state its login() left. */
    async redeem(url: string): Promise<{ session: Session; loginState: LoginState }> {
      return processResponse(url, 'Completing the sign-in')
    },

    /** A refresh grant on `current` (for `resource` when given): the next version of its lineage. */
    async refresh(current: Session, resource?: string): Promise<Session> {
      if (!current.refreshToken) throw new AuthError('login_required', dev ? 'This session has no refresh token.' : '')
      // No `scope`: RFC 6749 §6 then grants what the sign-in granted, even where the IdP dropped a scope it was asked for.
      const response = await withDeadline(requestTokens({ grant_type: 'refresh_token', refresh_token: current.refreshToken, resource }), deadlineMs, 'Renewing the session')
      dpop?.checkTokenType(response.token_type)
      if (!response.access_token) throw new AuthError('invalid_token', noAccessToken)
      const next = { lineage: current.lineage, version: current.version + 1, refreshToken: response.refresh_token ?? current.refreshToken }
      if (response.id_token && response.id_token !== current.idToken) {
        const expected = await expectations()
        await checkSignature(response, expected)
        const fresh = await toSession(response, expected, current.lineage, next.version, current.scopes.join(' '), current.idToken)
        return { ...fresh, ...next, scopes: response.scope ? fresh.scopes : current.scopes }
      }
      return {
        ...current,
        ...next,
        accessToken: response.access_token,
        tokenType: response.token_type || current.tokenType,
        issuedAt: Date.now(),
        expiresAt: response.expires_at ? response.expires_at * 1000 : current.expiresAt,
        scopes: response.scope ? scopesOf(response.scope) : current.scopes,
      }
    },

    /** The end-session URL (OpenID Connect RP-Initiated Logout §2); a popup's `state` marks the answer for relay. */
    async signoutRequest(options: { popup: boolean; idToken: string | undefined }): Promise<SigninRequest> {
      const url = new URL((await metadata()).end_session_endpoint ?? '')
      const state = options.popup ? crypto.randomUUID() : ''
      const params = {
        id_token_hint: options.idToken,
        client_id: config.clientId,
        post_logout_redirect_uri: options.popup ? config.popupRedirectUri : config.postLogoutRedirectUri,
        state: options.popup ? `${state};${relayUrlState}` : undefined,
        ...config.extraQueryParams,
      }
      appendParams(url.searchParams, params)
      return { url: url.href, state }
    },

    /** Best effort (RFC 7009): a sign-out must not hang on an IdP that cannot revoke. Whether the IdP accepted a revocation. */
    async revoke(session: Session): Promise<boolean> {
      let revocationEndpoint: string | undefined
      try {
        revocationEndpoint = (await metadata()).revocation_endpoint
      } catch {
        return false
      }
      if (!revocationEndpoint) return false
      const revocations: Promise<boolean>[] = []
      if (session.refreshToken) revocations.push(revokeToken(revocationEndpoint, config.clientId, session.refreshToken, 'refresh_token'))
      // A JWT access token is self-contained and IdPs answer unsupported_token_type (RFC 7009 §2.2.1);
      // it dies with its short lifetime. Opaque ones are revoked.
      if (session.accessToken.split('.').length !== 3) revocations.push(revokeToken(revocationEndpoint, config.clientId, session.accessToken, 'access_token'))
      const outcomes = await withDeadline(Promise.allSettled(revocations), deadlineMs, 'Revoking the tokens').catch(() => [])
      return outcomes.some((outcome) => outcome.status === 'fulfilled' && outcome.value)
    },

    clearStaleSignins,
  }
}
