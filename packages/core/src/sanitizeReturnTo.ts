/**
 * Keeps `returnTo` to a path on this app. Anything that could leave the origin (an absolute URL,
 * `//host`, `/\host`, `javascript:`) becomes `/`, so a crafted link cannot turn sign-in into an open redirect.
 */
export function sanitizeReturnTo(returnTo: unknown, origin: string): string {
  if (typeof returnTo !== 'string' || !returnTo.startsWith('/') || returnTo.startsWith('//') || returnTo.startsWith('/\\')) {
    return '/'
  }
  try {
    const url = new URL(returnTo, origin)
    if (url.origin !== origin) return '/'
    return `${url.pathname}${url.search}${url.hash}`
  } catch {
    return '/'
  }
}
