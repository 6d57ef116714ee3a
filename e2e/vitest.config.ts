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
    // Files share one server and touch different records, but on a two-core machine a second
    // browser beside the server starves it and answers take longer than any sensible wait: one
    // file at a time keeps the waits meaningful.
    fileParallelism: false,
    maxWorkers: 1,
  },
});
