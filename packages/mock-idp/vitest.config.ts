import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The test files share no module state worth isolating; loading oidc-provider once per
    // worker instead of once per file saves seconds.
    isolate: false,
  },
});
