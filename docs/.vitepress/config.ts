import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
// VitePress's own Vite (5) Plugin type: the root's Vite is another major.
import { defineConfig, type DefaultTheme, type Plugin } from 'vitepress'

// TypeDoc writes this when `npm run docs:api` runs; the site still builds its other pages without it.
const apiSidebarFile = fileURLToPath(new URL('../api/typedoc-sidebar.json', import.meta.url))
const apiSidebar: DefaultTheme.SidebarItem[] = existsSync(apiSidebarFile) ? JSON.parse(readFileSync(apiSidebarFile, 'utf8')) : []

const sidebar: DefaultTheme.SidebarItem[] = [
  { text: 'Getting started', link: '/getting-started' },
  {
    text: 'Concepts',
    items: [
      { text: 'The client and the provider', link: '/concepts/client-and-provider' },
      { text: "The session's lifecycle", link: '/concepts/session-lifecycle' },
      { text: 'Where tokens live', link: '/concepts/token-storage' },
      { text: 'Tabs', link: '/concepts/tabs' },
    ],
  },
  {
    text: 'Flows',
    link: '/flows/',
    items: [
      { text: 'Redirect sign-in', link: '/flows/redirect-sign-in' },
      { text: 'Popup sign-in', link: '/flows/popup-sign-in' },
      { text: 'The callback, redeemed once', link: '/flows/callback' },
      { text: 'Refresh-token rotation across tabs', link: '/flows/refresh-rotation' },
      { text: 'Silent iframe renewal', link: '/flows/silent-renewal' },
      { text: 'Step-up (insufficient_scope)', link: '/flows/step-up' },
      { text: 'Logout and revocation', link: '/flows/logout' },
      { text: 'DPoP', link: '/flows/dpop' },
      { text: 'Device authorization grant', link: '/flows/device-code' },
    ],
  },
  { text: 'Error codes', link: '/errors' },
  {
    text: 'Recipes',
    items: [
      { text: 'React Router loaders and actions', link: '/recipes/react-router' },
      { text: 'TanStack Router beforeLoad', link: '/recipes/tanstack-router' },
      { text: 'Calling several APIs', link: '/recipes/several-apis' },
      { text: 'Roles and the forbidden view', link: '/recipes/roles' },
      { text: 'Sign out a user who walked away', link: '/recipes/idle-timeout' },
      { text: 'Testing', link: '/recipes/testing' },
      { text: 'A strict Content-Security-Policy', link: '/recipes/content-security-policy' },
    ],
  },
  {
    text: 'Migration',
    items: [
      { text: 'From the implicit flow', link: '/migration/from-implicit-flow' },
      { text: 'From react-oidc-context', link: '/migration/from-react-oidc-context' },
      { text: 'From @auth0/auth0-react', link: '/migration/from-auth0-react' },
    ],
  },
  {
    text: 'Project',
    items: [
      { text: 'Comparison', link: '/comparison' },
      { text: 'Benchmarks', link: '/benchmarks' },
      { text: 'Security', link: '/security' },
      { text: 'How these docs are checked', link: '/docs-checks' },
    ],
  },
  { text: 'API reference', link: '/reference', collapsed: true, items: apiSidebar },
]

// The same file scripts/docs/checkMermaid.mjs renders every diagram with.
const mermaidBundle = join(dirname(createRequire(import.meta.url).resolve('mermaid/package.json')), 'dist/mermaid.min.js')

/** Serves mermaid's prebuilt bundle as /mermaid.min.js, in dev and in the build, instead of bundling it. */
function mermaidFile(): Plugin {
  return {
    name: 'latchkey-docs-mermaid',
    configureServer(server) {
      server.middlewares.use('/mermaid.min.js', (_request, response) => {
        response.setHeader('Content-Type', 'text/javascript')
        response.end(readFileSync(mermaidBundle))
      })
    },
    generateBundle() {
      // The server bundle gets a copy too, in VitePress's temporary folder, which it deletes.
      this.emitFile({ type: 'asset', fileName: 'mermaid.min.js', source: readFileSync(mermaidBundle) })
    },
  }
}

export default defineConfig({
  title: 'latchkey',
  description: 'Sign-in for React single-page apps: OAuth 2.0 Authorization Code with PKCE.',
  cleanUrls: true,
  lastUpdated: false,
  srcExclude: ['README.md'], // GitHub's folder view of docs/; the site starts at index.md
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/getting-started' },
      { text: 'Flows', link: '/flows/' },
      { text: 'API', link: '/reference' },
    ],
    sidebar,
    outline: [2, 3],
    search: { provider: 'local' },
  },
  markdown: {
    config(md) {
      // A ```mermaid block becomes a <pre class="mermaid"> that the theme renders in the browser.
      const fence = md.renderer.rules.fence!
      md.renderer.rules.fence = (tokens, index, options, env, self) => {
        const token = tokens[index]!
        if (token.info.trim() !== 'mermaid') return fence(tokens, index, options, env, self)
        return `<pre class="mermaid" v-pre>${md.utils.escapeHtml(token.content)}</pre>`
      }
    },
  },
  vite: { plugins: [mermaidFile()] },
})
