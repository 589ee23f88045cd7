import { defineConfig } from 'vitest/config';

// The real-engine tier: one WebLLM session on SwiftShader (minutes), asserted through the app's UI.
export default defineConfig({
  test: {
    include: ['tests/e2e-real/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e-real/support/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
