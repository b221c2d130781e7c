interface StoredCookie {
  name: string;
  value: string;
  path: string;
  expires: number | undefined;
}

/**
 * Just enough of a browser's cookie store to walk the mock IdP's pages with fetch: one host
 * (127.0.0.1), path matching, expiry. Domain, Secure and SameSite are not needed there.
 */
export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();

  /** Stores the cookies a response sets. */
  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      if (separator < 0) continue;
      const cookie: StoredCookie = {
        name: pair.slice(0, separator).trim(),
        value: pair.slice(separator + 1).trim(),
        path: '/',
        expires: undefined,
      };
      for (const attribute of attributes) {
        const [key = '', value = ''] = attribute.split('=', 2).map((part) => part.trim());
        if (key.toLowerCase() === 'path') cookie.path = value || '/';
        if (key.toLowerCase() === 'expires') cookie.expires = Date.parse(value);
        if (key.toLowerCase() === 'max-age') cookie.expires = Date.now() + Number(value) * 1000;
      }
      const key = `${cookie.name};${cookie.path}`;
      if (cookie.expires !== undefined && cookie.expires <= Date.now()) this.#cookies.delete(key);
      else this.#cookies.set(key, cookie);
    }
  }

  /** The Cookie header a browser would send to `url`, or undefined when there is none. */
  headerFor(url: string | URL): string | undefined {
    const { pathname } = new URL(url);
    const now = Date.now();
    const matching = [...this.#cookies.values()]
      .filter((cookie) => cookie.expires === undefined || cookie.expires > now)
      .filter((cookie) => pathMatches(pathname, cookie.path))
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length === 0 ? undefined : matching.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  }

  /** Forgets every cookie, like a fresh browser profile. */
  clear(): void {
    this.#cookies.clear();
  }
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}
