// The host right after the scheme, followed by a port, a path, a query or nothing: so
// `localhost.example.com` or `127.0.0.1.nip.io` is not taken for a loopback host.
const loopbackHost = /^(https?:\/\/)(localhost|127\.0\.0\.1)(?=[:/?]|$)/i;

/**
 * `uris`, and for each one on a loopback host the same URI on the other loopback name. Dev servers
 * print `http://localhost:5173/` while configs say `127.0.0.1`, and both reach the same app on this
 * machine. Only the host is swapped, as written: scheme, port, path and query must still match.
 */
export function withLoopbackAliases(uris: readonly string[]): string[] {
  const all = new Set<string>();
  for (const uri of uris) {
    all.add(uri);
    const match = loopbackHost.exec(uri);
    if (!match) continue;
    const [prefix, scheme = '', host = ''] = match;
    all.add(`${scheme}${host.toLowerCase() === 'localhost' ? '127.0.0.1' : 'localhost'}${uri.slice(prefix.length)}`);
  }
  return [...all];
}
