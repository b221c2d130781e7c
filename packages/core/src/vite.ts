/**
 * A Vite plugin for the light popup and silent-renewal callback page.
 *
 * @module @latchkey/core/vite
 */

/** The parts of Vite's resolved config and dev server this plugin uses, so it needs no Vite types. */
interface ResolvedConfigPart {
  root: string
  build: { rollupOptions: { input?: string | string[] | Record<string, string> } }
}
interface DevServerPart {
  middlewares: { use(handler: (req: { url?: string }, res: { setHeader(name: string, value: string): void; end(body: string): void }, next: () => void) => void): void }
  transformIndexHtml(url: string, html: string): Promise<string>
}

/** What `latchkeyCallbackPage()` returns: a Vite plugin, to put in `plugins`. Its hooks are Vite's. */
export interface LatchkeyCallbackPagePlugin {
  /** The plugin's name, as Vite reports it. */
  name: string
  /** Adds the page to the build's inputs. */
  configResolved(config: ResolvedConfigPart): void
  /** Claims the page's path, which exists only in the plugin. */
  resolveId(id: string): string | null
  /** Gives Vite the page's HTML. */
  load(id: string): string | null
  /** Serves the page from the dev server. */
  configureServer(server: DevServerPart): void
}

/**
 * Serves (in dev) and builds (as a second page) a light callback page at `path` that only calls
 * `relayAuthCallback()`: a popup or a silent-renewal iframe then hands the IdP's answer back
 * without loading the app. Pair it with `popupRedirectUri` set to the same path, and register that
 * URI at the IdP. Without it, the app's own `redirectUri` page does the same job, only slower.
 *
 * @param path - The page's path under the app's root. Default: `popup-callback.html`.
 * @example
 * // vite.config.ts
 * import { latchkeyCallbackPage } from '@latchkey/core/vite'
 * export default defineConfig({ plugins: [react(), latchkeyCallbackPage()] })
 * // and in the client's config: popupRedirectUri: '/popup-callback.html'
 */
export function latchkeyCallbackPage(path = 'popup-callback.html'): LatchkeyCallbackPagePlugin {
  const page = path.replace(/^\/+/, '')
  const html = `<!doctype html>\n<html><head><meta charset="utf-8"><title>Signing in…</title></head><body><script type="module">import { relayAuthCallback } from '@latchkey/core'\nrelayAuthCallback()</script></body></html>\n`
  const join = (root: string) => `${root.replace(/\/+$/, '')}/${page}`
  let file = ''
  return {
    name: 'latchkey-callback-page',
    configResolved(config) {
      file = join(config.root)
      const input = config.build.rollupOptions.input ?? join(config.root).replace(new RegExp(`${page}$`), 'index.html')
      const entries = typeof input === 'string' ? { main: input } : Array.isArray(input) ? Object.fromEntries(input.map((entry, index) => [`entry${index}`, entry])) : input
      // A page that exists only here: resolveId and load below give Vite its HTML.
      config.build.rollupOptions.input = { ...entries, 'latchkey-callback': file }
    },
    resolveId: (id) => (id === file ? id : null),
    load: (id) => (id === file ? html : null),
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== `/${page}`) return next()
        void server.transformIndexHtml(req.url, html).then((transformed) => {
          res.setHeader('Content-Type', 'text/html')
          res.end(transformed)
        })
      })
    },
  }
}
