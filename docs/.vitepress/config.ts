import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig, type DefaultTheme } from 'vitepress'
import { withMermaid } from 'vitepress-plugin-mermaid'

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
  { text: 'Comparison', link: '/comparison' },
  { text: 'CI checks of these docs', link: '/docs-checks' },
  { text: 'API reference', link: '/reference', collapsed: true, items: apiSidebar },
]

export default withMermaid(
  defineConfig({
    title: 'latchkey',
    description: 'Sign-in for React single-page apps: OAuth 2.0 Authorization Code with PKCE.',
    cleanUrls: true,
    lastUpdated: false,
    srcExclude: ['README.md'],
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
    mermaid: {},
  }),
)
