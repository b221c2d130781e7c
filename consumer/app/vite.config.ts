import react from '@vitejs/plugin-react'
import { latchkeyCallbackPage } from '@latchkey/core/vite'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react(), latchkeyCallbackPage()],
  preview: { host: '127.0.0.1', port: 4450, strictPort: true },
})
