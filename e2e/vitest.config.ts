import { defineConfig } from 'vitest/config';

// Browser tests: one real server for the whole run (started by the global setup on a fresh
// embedded database), one headless Chromium per file.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Files share one server and touch different records, so a few run side by side.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
