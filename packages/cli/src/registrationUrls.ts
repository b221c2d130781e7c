/** Where the app runs and which of its paths the IdP sends the browser to; latchkey's defaults where not given. */
export interface RegistrationOptions {
  /** `localhost:5173`, `app.example.com`, or a whole origin `https://app.example.com`. */
  host: string
  /** https (default for any host but loopback). */
  secure?: boolean
  /** The path the app is served under, e.g. `/app/`. Default `/`. */
  base?: string
  /** latchkey's `redirectUri`. Default `callback` (under `base`). */
  redirectPath?: string
  /** latchkey's `popupRedirectUri`. Default: `redirectPath`, as latchkey's own default is `redirectUri`. */
  popupRedirectPath?: string
  /** latchkey's `postLogoutRedirectUri`. Default `base` itself. */
  postLogoutRedirectPath?: string
}

/** What to register for a latchkey app at its IdP: each list is what the IdP must accept exactly. */
export interface RegistrationUrls {
  origin: string
  /** Sign-in redirect URIs: `redirect_uri` of redirect sign-ins, and of popup sign-ins and silent renewal. */
  redirectUris: string[]
  /** `post_logout_redirect_uri` of a redirect sign-out, and of a popup one. */
  postLogoutRedirectUris: string[]
  /** Origins the browser calls the token, revocation and userinfo endpoints from (CORS, "web origins"). */
  webOrigins: string[]
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

/** An absolute path ending in `/`: the app's base. */
function normaliseBase(base: string): string {
  const withLead = base.startsWith('/') ? base : `/${base}`
  return withLead.endsWith('/') ? withLead : `${withLead}/`
}

/**
 * The URIs of a latchkey app at `host`, from latchkey's defaults (`/callback` for redirect and popup
 * sign-in, `/`) or the paths the app configured; each listed once. Throws a RangeError that says what to pass for a host it
 * cannot read.
 */
export function registrationUrls(options: RegistrationOptions): RegistrationUrls {
  const hasScheme = /^[a-z]+:\/\//i.test(options.host)
  let url: URL
  try {
    url = new URL(hasScheme ? options.host : `http://${options.host}`)
  } catch {
    throw new RangeError(`"${options.host}" is not a host. Pass the app's host and port, e.g. localhost:5173 or app.example.com.`)
  }
  if (!hasScheme) url.protocol = options.secure ?? !loopbackHosts.has(url.hostname) ? 'https:' : 'http:'
  if (options.secure) url.protocol = 'https:'
  const base = normaliseBase(options.base ?? (url.pathname === '/' ? '/' : url.pathname))
  const at = (path: string | undefined, fallback: string) => new URL(path ?? fallback, `${url.origin}${base}`).href
  const redirectUri = at(options.redirectPath, 'callback')
  const popupRedirectUri = at(options.popupRedirectPath ?? options.redirectPath, 'callback')
  const unique = (uris: string[]) => [...new Set(uris)]
  return {
    origin: url.origin,
    redirectUris: unique([redirectUri, popupRedirectUri]),
    postLogoutRedirectUris: unique([at(options.postLogoutRedirectPath, base), popupRedirectUri]),
    webOrigins: [url.origin],
  }
}
