import { OidcClient, type RefreshState, type SigninResponse } from 'oidc-client-ts'
import type { LoginOptions } from './AuthClient.js'
import { AuthError } from './AuthError.js'
import { dev } from './dev.js'
import { featureCode } from './AuthFeature.js'
import type { UserProfile } from './AuthState.js'
import type { PendingSigninStore } from './createPendingSigninStore.js'
import type { DpopBinding } from './dpop.js'
import type { IdTokenSignatureCode } from './idTokenSignature.js'
import { loadCachedMetadata, saveCachedMetadata } from './metadataCache.js'
import { configuredScopes } from './configuredScopes.js'
import { refusedScope } from './refusedScope.js'
import { revokeToken } from './revokeToken.js'
import type { ResolvedConfig } from './resolveConfig.js'
import { relayUrlState, stateId } from './relayedCallback.js'
import { sanitizeReturnTo } from './sanitizeReturnTo.js'
import { scopesOf, type Session } from './Session.js'
import { toAuthError } from './toAuthError.js'
import { verifyIdTokenClaims, type IdTokenExpectations } from './verifyIdTokenClaims.js'
import { verifyResponseIssuer } from './verifyResponseIssuer.js'
import { withDeadline } from './withDeadline.js'

/** Round-tripped through the IdP inside oidc-client-ts's stored state, never in the URL. */
export interface LoginState {
  returnTo: string
  appState?: unknown
  /** The `max_age` the sign-in asked for: its ID token's `auth_time` is checked against it. */
  maxAge?: number
}

/** What a token response brings, from oidc-client-ts or from another grant. */
export type TokenAnswer = Pick<SigninResponse, 'id_token' | 'access_token' | 'token_type' | 'refresh_token' | 'expires_at' | 'scope'> &
  Partial<Pick<SigninResponse, 'profile'>>

export interface SigninRequest {
  url: string
  state: string
}

const protocolClaims = ['iss', 'aud', 'exp', 'iat', 'nbf', 'jti', 'auth_time', 'nonce', 'acr', 'amr', 'azp', 'at_hash', 'c_hash', 's_hash', 'sid']

/**
 * Redemptions under way in this document, by callback URL. Two clients built for the same page (React
 * StrictMode builds state twice) then share one token request instead of racing for the code.
 */
const redemptionsInFlight = new Map<string, Promise<SigninResponse>>()

function toProfile(claims: Record<string, unknown>): UserProfile {
  const profile: Record<string, unknown> = { ...claims }
  for (const claim of protocolClaims) delete profile[claim]
  return profile as unknown as UserProfile
}

function readLoginState(userState: unknown, origin: string): LoginState {
  const state = userState as Partial<LoginState> | null | undefined
  return {
    returnTo: sanitizeReturnTo(state?.returnTo, origin),
    appState: state?.appState,
    ...(typeof state?.maxAge === 'number' && { maxAge: state.maxAge }),
  }
}

export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`
}

export type Protocol = ReturnType<typeof createProtocol>

/** Every exchange with the IdP, over oidc-client-ts's OidcClient, each with a deadline. */
export function createProtocol(config: ResolvedConfig, pending: PendingSigninStore, storageKey: string, dpop: DpopBinding | null = null) {
  const metadataKey = `${storageKey}:metadata`
  const deadlineMs = config.requestTimeoutSeconds * 1000
  // The app's own fields win over the IdP's document, fetched or cached (oidc-client-ts applies
  // metadataSeed only to a document it fetches).
  const givenMetadata = config.metadata ?? loadCachedMetadata(metadataKey, config.issuer)
  const oidc = new OidcClient({
    ...(givenMetadata && { metadata: { ...givenMetadata, ...config.metadataSeed } }),
    ...(config.metadataSeed && { metadataSeed: { ...config.metadataSeed } }),
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    post_logout_redirect_uri: config.postLogoutRedirectUri,
    response_type: 'code',
    response_mode: 'query',
    scope: config.scope,
    loadUserInfo: config.loadUserInfo,
    extraQueryParams: { ...config.extraQueryParams },
    requestTimeoutInSeconds: config.requestTimeoutSeconds,
    stateStore: pending,
    staleStateAgeInSeconds: 900,
    ...(dpop && { dpop: dpop.settings }),
  })
  const readError = (err: unknown): never => {
    throw dpop ? dpop.readError(err) : err
  }

  /**
   * The discovery document, fetched at most once per hour per tab (see metadataCache), and only if its
   * `issuer` is the authority itself: an impostor's document is never used, nor kept.
   *
   * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfigurationValidation
   */
  async function metadata() {
    const document = await withDeadline(oidc.metadataService.getMetadata(), deadlineMs, 'Reading the discovery document')
    if (document.issuer !== config.issuer) {
      const issuer = JSON.stringify(String(document.issuer).slice(0, 200))
      throw new AuthError(
        'config',
        dev
          ? `The IdP's discovery names its issuer ${issuer}, but authority is "${config.issuer}": they must be equal (OpenID Connect Discovery §4.3). If that is your IdP, set authority: ${issuer}; else the document is not to be trusted.`
          : 'The discovery document names another issuer than the authority.',
        { cause: { expected: config.issuer, actual: document.issuer } },
      )
    }
    if (!config.metadata) saveCachedMetadata(metadataKey, document)
    return document
  }

  /** What an ID token from this IdP is checked against. */
  async function expectations(maxAge?: number): Promise<IdTokenExpectations> {
    const announced = ((await metadata()) as Record<string, unknown>)['id_token_signing_alg_values_supported']
    return {
      issuer: config.issuer,
      clientId: config.clientId,
      now: Math.floor(Date.now() / 1000),
      clockSkew: config.clockSkewSeconds,
      // OpenID Connect Discovery: RS256 when the IdP announces nothing.
      algorithms: Array.isArray(announced) ? announced.filter((alg): alg is string => typeof alg === 'string') : ['RS256'],
      ...(maxAge !== undefined && { maxAge }),
    }
  }

  const signatureFeature = featureCode<IdTokenSignatureCode>(config.features, 'id-token-signature')
  let verifySignature: ((idToken: string, algorithms: readonly string[]) => Promise<void>) | undefined

  /** With the ID token signature feature, checks `response`'s ID token against the IdP's keys. */
  async function checkSignature(response: TokenAnswer, expected: IdTokenExpectations): Promise<void> {
    if (!signatureFeature || !response.id_token) return
    const jwksUri = (await metadata()).jwks_uri
    if (!jwksUri) throw new AuthError('config', 'The identity provider publishes no jwks_uri, so the ID token signature cannot be checked.')
    verifySignature ??= signatureFeature.createVerifier(jwksUri, deadlineMs)
    await verifySignature(response.id_token, expected.algorithms ?? ['RS256'])
  }

  /** What oidc-client-ts stored for the sign-in that `url` answers: null when it names none started here, {} when unreadable. */
  async function pendingSignin(url: string): Promise<{ data?: unknown; scope?: unknown } | null> {
    const state = new URL(url).searchParams.get('state')
    const stored = state === null ? null : await pending.get(stateId(state))
    if (stored === null) return null
    try {
      return JSON.parse(stored) as { data?: unknown; scope?: unknown }
    } catch {
      return {}
    }
  }

  /** What login() left for the sign-in that `url` answers, or null when it names none started here. */
  async function pendingLoginState(url: string): Promise<LoginState | null> {
    const stored = await pendingSignin(url)
    return stored && readLoginState(stored.data, config.origin)
  }

  /**
   * The scope the sign-in that `url` answers asked for. A response whose state names no sign-in
   * started here is refused before anything else in it is read.
   */
  async function requestedScope(url: string): Promise<string> {
    const stored = await pendingSignin(url)
    if (stored) return typeof stored.scope === 'string' ? stored.scope : config.scope
    throw new AuthError(
      'state_mismatch',
      'This sign-in response does not belong to a sign-in started here (it was already used, or it was started in another browser).',
    )
  }

  function toSession(response: TokenAnswer, expected: IdTokenExpectations, lineage: string, version: number, requestedScope: string): Session {
    if (!response.id_token) {
      throw new AuthError('invalid_token', 'The identity provider returned no ID token. Make sure the scope includes "openid".')
    }
    const claims = verifyIdTokenClaims(response.id_token, expected)
    if (!response.access_token) throw new AuthError('invalid_token', 'The identity provider returned no access token.')
    dpop?.checkTokenType(response.token_type)
    const profileClaims = config.loadUserInfo ? { ...claims, ...response.profile } : claims
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
    // A second client of this page shares the first one's redemption; the state is no longer stored.
    const requested = redemptionsInFlight.has(url) ? config.scope : await requestedScope(url)
    const document = await metadata()
    // Checked before the code is redeemed, so a code from a mixed-up IdP is never sent anywhere.
    verifyResponseIssuer(url, config.issuer, (document as Record<string, unknown>)['authorization_response_iss_parameter_supported'] === true)
    let redemption = redemptionsInFlight.get(url)
    if (!redemption) {
      redemption = withDeadline(oidc.processSigninResponse(url).catch(readError), deadlineMs, context).finally(() => redemptionsInFlight.delete(url))
      redemptionsInFlight.set(url, redemption)
    }
    const response = await redemption.catch((err: unknown) => {
      throw refusedScope(err, requested, document.scopes_supported, context)
    })
    const loginState = readLoginState(response.userState, config.origin)
    return { loginState, session: await sessionOf(response, requested, loginState.maxAge) }
  }

  /** The checks every sign-in's tokens pass, then its new session. */
  async function sessionOf(response: TokenAnswer, requested: string, maxAge?: number): Promise<Session> {
    const expected = await expectations(maxAge)
    await checkSignature(response, expected)
    return toSession(response, expected, crypto.randomUUID(), 0, requested)
  }

  return {
    metadata,
    pendingLoginState,
    /** A sign-in's token response that no redirect brought (the device grant), checked as a redirect's is: its new session. */
    sessionOf,

    /**
     * Starts a sign-in: the authorization URL and its state. `scope` adds to `baseScopes`. A `relayed`
     * one (popup, silent iframe) comes back to `popupRedirectUri`, marked so that the page there hands
     * the answer to this window.
     */
    async signinRequest(options: LoginOptions, baseScopes: readonly string[], relayed = false): Promise<SigninRequest> {
      const document = (await metadata()) as Record<string, unknown>
      const methods = document['code_challenge_methods_supported']
      // An IdP that ignores PKCE would leave the code unprotected: refuse one that says it lacks S256.
      if (Array.isArray(methods) && !methods.includes('S256')) {
        throw new AuthError(
          'config',
          dev
            ? `The identity provider at ${config.issuer} does not announce PKCE with S256 (code_challenge_methods_supported: ${JSON.stringify(methods).slice(0, 100)}). Turn on PKCE S256 for this client at the IdP; a browser app must not sign in without it.`
            : 'The identity provider does not announce PKCE with S256.',
        )
      }
      dpop?.checkIdp(document, config.issuer)
      const loginState: LoginState = {
        returnTo: sanitizeReturnTo(options.returnTo ?? currentPath(), config.origin),
        ...(options.appState !== undefined && { appState: options.appState }),
        ...(options.maxAge !== undefined && { maxAge: options.maxAge }),
      }
      const scope = [...new Set([...configuredScopes(config, document['scopes_supported']), ...baseScopes, ...scopesOf(options.scope)])].join(' ')
      const request = await oidc.createSigninRequest({
        state: loginState,
        nonce: crypto.randomUUID(),
        redirect_uri: relayed ? config.popupRedirectUri : config.redirectUri,
        ...(relayed && { url_state: relayUrlState }),
        ...(scope !== config.scope && { scope }),
        ...(options.prompt !== undefined && { prompt: options.prompt }),
        ...(options.loginHint !== undefined && { login_hint: options.loginHint }),
        ...(options.maxAge !== undefined && { max_age: options.maxAge }),
        ...(options.acrValues !== undefined && { acr_values: options.acrValues }),
        ...(options.uiLocales !== undefined && { ui_locales: options.uiLocales }),
        extraQueryParams: { ...config.extraQueryParams, ...options.extraParams },
        ...(dpop && { dpopJkt: await dpop.thumbprint() }),
      })
      return { url: request.url, state: request.state.id }
    },

    /** Checks and redeems an authorization response: a new session, and the state its login() left. */
    async redeem(url: string): Promise<{ session: Session; loginState: LoginState }> {
      return processResponse(url, 'Completing the sign-in')
    },

    /** A refresh grant on `current` (for `resource` when given): the next version of its lineage. */
    async refresh(current: Session, resource?: string): Promise<Session> {
      if (!current.refreshToken) throw new AuthError('login_required', 'This session has no refresh token.')
      const response = await withDeadline(
        oidc.useRefreshToken({
          // No `scope`: RFC 6749 §6 then grants what the sign-in granted, even where the IdP dropped a scope it was asked for.
          state: { refresh_token: current.refreshToken, id_token: current.idToken, session_state: null, profile: current.profile as RefreshState['profile'] },
          ...(resource !== undefined && { resource }),
        }).catch(readError),
        deadlineMs,
        'Renewing the session',
      )
      dpop?.checkTokenType(response.token_type)
      const next = { lineage: current.lineage, version: current.version + 1, refreshToken: response.refresh_token ?? current.refreshToken }
      if (response.id_token && response.id_token !== current.idToken) {
        const expected = await expectations()
        await checkSignature(response, expected)
        const fresh = toSession(response, expected, current.lineage, next.version, current.scopes.join(' '))
        if (fresh.profile.sub !== current.profile.sub) throw new AuthError('invalid_token', 'The renewed ID token is for another user.')
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

    async signoutRequest(options: { popup: boolean; idToken: string | undefined }): Promise<SigninRequest> {
      const request = await withDeadline(
        oidc.createSignoutRequest({
          client_id: config.clientId,
          post_logout_redirect_uri: options.popup ? config.popupRedirectUri : config.postLogoutRedirectUri,
          ...(options.popup && { state: { popup: true }, url_state: relayUrlState }),
          ...(options.idToken !== undefined && { id_token_hint: options.idToken }),
        }),
        deadlineMs,
        'Starting the sign-out',
      )
      return { url: request.url, state: request.state?.id ?? '' }
    },

    /** Best effort (RFC 7009): a sign-out must not hang on an IdP that cannot revoke. Whether the IdP accepted a revocation. */
    async revoke(session: Session): Promise<boolean> {
      let endpoint: string | undefined
      try {
        endpoint = (await metadata()).revocation_endpoint
      } catch {
        return false
      }
      if (!endpoint) return false
      const revocations: Promise<boolean>[] = []
      if (session.refreshToken) revocations.push(revokeToken(endpoint, config.clientId, session.refreshToken, 'refresh_token'))
      // A JWT access token is self-contained and IdPs answer unsupported_token_type (RFC 7009 §2.2.1);
      // it dies with its short lifetime. Opaque ones are revoked.
      if (session.accessToken.split('.').length !== 3) revocations.push(revokeToken(endpoint, config.clientId, session.accessToken, 'access_token'))
      const outcomes = await withDeadline(Promise.allSettled(revocations), deadlineMs, 'Revoking the tokens').catch(() => [])
      return outcomes.some((outcome) => outcome.status === 'fulfilled' && outcome.value)
    },

    clearStaleSignins: () => oidc.clearStaleState().catch(() => undefined),
  }
}
