import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig, type ProxyOptions } from 'vite'

/** The demo API (server/), reached through this origin so the browser needs no CORS; `npm run demo` and the e2e suite set the URL. */
const apiProxy: Record<string, ProxyOptions> = {
  '/api/': { target: process.env['LATCHKEY_DEMO_API'] ?? 'http://127.0.0.1:4001' },
}

export default defineConfig({
  plugins: [react()],
  // Read the workspace packages from source: the demo runs without building them first, with HMR across packages.
  resolve: { conditions: ['@latchkey/source', ...defaultClientConditions] },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy: apiProxy },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, proxy: apiProxy },
  // One page: the popup's answer comes back to /callback, where the app relays it before rendering.
  build: { sourcemap: true },
})
