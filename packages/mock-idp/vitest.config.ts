import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The test files share no module state worth isolating; loading oidc-provider once per
    // worker instead of once per file saves seconds.
    isolate: false,
    // Hang guards, not timings: tests that start an IdP and sign in can pass 5 s on a busy two-core machine.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
