import { AuthError } from './AuthError.js'
import { dev } from './dev.js'
import type { AuthClientConfig, SessionStorageKind } from './AuthClientConfig.js'
import { missingFeature, type AuthFeature } from './AuthFeature.js'
import { checkMetadata, isSafeUrl } from './checkMetadata.js'
import type { IdpMetadata } from './IdpMetadata.js'
import { rejectReservedParameters } from './reservedParameters.js'

export interface ResolvedConfig {
  /** The authority without a trailing slash, for names and URLs built from it. */
  authority: string
  /** The authority as given: the discovery document's `issuer` must equal it exactly (OpenID Connect Discovery §4.3). */
  issuer: string
  clientId: string
  redirectUri: string
  postLogoutRedirectUri: string
  popupRedirectUri: string
  popupFallback: 'reject' | 'redirect'
  stepUp: 'popup' | 'redirect'
  autoRenew: boolean
  revokeOnLogout: boolean
  scope: string
  /** Whether `scope` is latchkey's default, which drops `offline_access` for an IdP whose `scopes_supported` lacks it. */
  isDefaultScope: boolean
  metadata: IdpMetadata | undefined
  metadataSeed: IdpMetadata | undefined
  storage: SessionStorageKind
  loadUserInfo: boolean
  extraQueryParams: Readonly<Record<string, string>>
  shareSession: boolean
  requestTimeoutSeconds: number
  clockSkewSeconds: number
  features: readonly AuthFeature[]
  navigate: (url: string) => void
  origin: string
}

const defaultScope = 'openid profile email offline_access'
const secretKeys = ['clientSecret', 'client_secret', 'secret']
const storageKinds: readonly SessionStorageKind[] = ['session', 'local', 'memory']

/** `problem` in a few words, always; `advice` (what to do instead) in development builds only. */
function configError(problem: string, advice: string | false = false): AuthError {
  return new AuthError('config', `latchkey config: ${advice || problem}`)
}

function currentOrigin(): string {
  if (typeof window === 'undefined' || !window.location) {
    throw configError('no window', dev && 'createAuthClient needs a browser window (window.location) to know the app origin.')
  }
  return window.location.origin
}

function parseAbsolute(value: string, what: string): URL {
  try {
    return new URL(value)
  } catch {
    throw configError(`${what} is not an absolute URL`, dev && `${what} "${value}" is not an absolute URL. Use the full URL, e.g. "https://idp.example.com".`)
  }
}

/** Resolves a path or absolute URL against the app, rejecting other origins: a code sent elsewhere is a code leaked. */
function resolveSameOrigin(value: string, origin: string, what: string): string {
  let url: URL
  try {
    url = new URL(value, origin)
  } catch {
    throw configError(`${what} is not a URL`, dev && `${what} "${value}" is not a valid URL or path.`)
  }
  if (url.origin !== origin) {
    throw configError(
      `${what} is on another origin`,
      dev && `${what} "${value}" is on ${url.origin}, but this app runs on ${origin}. Use a path on this app such as "/callback"; the identity provider must send the user back to the app that started the sign-in.`,
    )
  }
  url.hash = ''
  return url.href
}

/**
 * Checks a config and fills in defaults. Every problem is an AuthError with code `config` whose message
 * says what to do instead, so a misconfigured app fails at start-up rather than at the first sign-in.
 */
export function resolveConfig(config: AuthClientConfig): ResolvedConfig {
  if (config === null || typeof config !== 'object') {
    throw configError('no config object', dev && 'createAuthClient needs a config object with at least { authority, clientId }.')
  }
  const loose = config as unknown as Record<string, unknown>
  for (const key of secretKeys) {
    if (loose[key] !== undefined) {
      throw configError(
        `remove ${key}`,
        dev && `remove "${key}". A browser cannot keep a client secret: anyone can read it from the bundle. Register the app as a public client (token_endpoint_auth_method "none"); PKCE protects the code instead.`,
      )
    }
  }
  const responseType = config.responseType ?? (loose['response_type'] as string | undefined)
  if (responseType !== undefined && responseType !== 'code') {
    throw configError(
      'responseType must be code',
      dev && `responseType "${responseType}" is not supported. The implicit and hybrid flows expose tokens in the URL and are deprecated for browser apps (OAuth 2.0 Security BCP); latchkey always uses the authorization code flow with PKCE. Remove responseType.`,
    )
  }
  if (typeof config.authority !== 'string' || config.authority.trim() === '') {
    throw configError('authority is missing', dev && '"authority" is missing. Set it to your identity provider\'s issuer URL, e.g. "https://idp.example.com".')
  }
  if (typeof config.clientId !== 'string' || config.clientId.trim() === '') {
    throw configError('clientId is missing', dev && '"clientId" is missing. Set it to the client id registered for this app at your identity provider.')
  }
  const authorityUrl = parseAbsolute(config.authority, 'authority')
  if (!isSafeUrl(authorityUrl)) {
    throw configError(
      'authority must use https',
      dev && `authority "${config.authority}" must use https. Plain http is only accepted for localhost and 127.0.0.1, where a local test IdP runs.`,
    )
  }
  const storage = config.storage ?? 'session'
  if (!storageKinds.includes(storage)) {
    throw configError(`storage is not one of ${storageKinds.join(', ')}`, dev && `storage "${String(storage)}" is not one of ${storageKinds.join(', ')}.`)
  }
  for (const [name, seconds, least] of [['requestTimeoutSeconds', config.requestTimeoutSeconds, 0.001], ['clockSkewSeconds', config.clockSkewSeconds, 0]] as const) {
    if (seconds !== undefined && !(typeof seconds === 'number' && seconds >= least && Number.isFinite(seconds))) {
      throw configError(`${name} must be a number of seconds${least > 0 ? ' above 0' : ''}`, dev && `${name} must be a number of seconds${least > 0 ? ' above 0' : ''}, not ${String(seconds)}.`)
    }
  }
  checkMetadata(config.metadata, 'metadata', config.authority)
  checkMetadata(config.metadataSeed, 'metadataSeed', config.authority)
  rejectReservedParameters(config.extraQueryParams, 'latchkey config: extraQueryParams')
  // PKCE and the state check need Web Crypto, which browsers give secure contexts only (https, or localhost).
  if (typeof window !== 'undefined' && (window.isSecureContext === false || !globalThis.crypto?.subtle)) {
    throw configError(
      'not a secure context',
      dev && `this page (${window.location?.origin ?? 'unknown origin'}) is not a secure context, so the browser withholds the Web Crypto API that PKCE needs. Serve the app over https, or from localhost or 127.0.0.1 while developing.`,
    )
  }
  const features = config.features ?? []
  const has = (kind: AuthFeature['kind']) => features.some((feature) => feature.kind === kind)
  // An option that needs a feature the app did not add fails here, not at its first use.
  if (storage === 'local' && !has('tab-sync')) throw missingFeature('tab-sync', dev ? 'storage: "local" (one refresh token for every tab, used by one tab at a time)' : 'storage: "local"')
  if (config.shareSession && !has('tab-sync')) throw missingFeature('tab-sync', 'shareSession')
  if (config.stepUp === 'popup' && !has('popup')) throw missingFeature('popup', 'stepUp: "popup"')
  if (config.popupFallback !== undefined && !has('popup')) throw missingFeature('popup', 'popupFallback')
  const origin = currentOrigin()
  const scopes = new Set((config.scope ?? defaultScope).split(/\s+/).filter(Boolean))
  scopes.add('openid')
  return {
    authority: config.authority.replace(/\/+$/, ''),
    issuer: config.authority,
    clientId: config.clientId,
    redirectUri: resolveSameOrigin(config.redirectUri ?? '/callback', origin, 'redirectUri'),
    postLogoutRedirectUri: resolveSameOrigin(config.postLogoutRedirectUri ?? '/', origin, 'postLogoutRedirectUri'),
    // The app's own page by default: it relays the answer before the app renders (see relayedCallback.ts).
    popupRedirectUri: resolveSameOrigin(config.popupRedirectUri ?? config.redirectUri ?? '/callback', origin, 'popupRedirectUri'),
    popupFallback: config.popupFallback ?? 'reject',
    stepUp: config.stepUp ?? (has('popup') ? 'popup' : 'redirect'),
    autoRenew: config.autoRenew ?? true,
    revokeOnLogout: config.revokeOnLogout ?? true,
    scope: [...scopes].join(' '),
    isDefaultScope: config.scope === undefined,
    metadata: config.metadata,
    metadataSeed: config.metadataSeed,
    storage,
    loadUserInfo: config.loadUserInfo ?? false,
    extraQueryParams: config.extraQueryParams ?? {},
    shareSession: config.shareSession ?? storage !== 'memory',
    requestTimeoutSeconds: config.requestTimeoutSeconds ?? 10,
    clockSkewSeconds: config.clockSkewSeconds ?? 300,
    features,
    navigate: config.navigate ?? ((url) => window.location.assign(url)),
    origin,
  }
}
