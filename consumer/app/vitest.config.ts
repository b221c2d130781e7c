import { defineConfig } from 'vitest/config'

// Component tests only: the Playwright tests in tests/ run with `playwright test`.
export default defineConfig({ test: { environment: 'jsdom', include: ['src/**/*.test.tsx'] } })
