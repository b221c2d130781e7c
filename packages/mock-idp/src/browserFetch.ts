import type { CookieJar } from './CookieJar.js';

/** A fetch that carries the jar's cookies and does not follow redirects, like one browser hop. */
export async function browserFetch(jar: CookieJar, url: string | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.headerFor(url);
  if (cookie !== undefined) headers.set('Cookie', cookie);
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(response);
  return response;
}
