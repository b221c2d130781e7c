/** Whether `path` starts with one slash only, so no URL parser can read it as `//host` (protocol-relative). */
function isRootedPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\')
}

/**
 * Keeps `returnTo` to a path on this app. Anything that could leave the origin (an absolute URL,
 * `//host`, `/\host`, `javascript:`) becomes `/`, so a crafted link cannot turn sign-in into an open redirect.
 * The check is repeated on the normalised path: the parser resolves `.`, `..` and `%2e` segments and turns
 * `\` into `/`, so `/.//evil.com` has the path `//evil.com`, which as a result would leave the origin.
 * What comes out therefore comes out unchanged when sanitized again.
 *
 * @example
 * sanitizeReturnTo('/orders?open=1', 'https://app.example.com') // '/orders?open=1'
 * sanitizeReturnTo('https://evil.example/', 'https://app.example.com') // '/'
 */
export function sanitizeReturnTo(returnTo: unknown, origin: string): string {
  if (typeof returnTo !== 'string' || !isRootedPath(returnTo)) return '/'
  try {
    const url = new URL(returnTo, origin)
    if (url.origin !== origin || !isRootedPath(url.pathname)) return '/'
    return `${url.pathname}${url.search}${url.hash}`
  } catch {
    return '/'
  }
}
