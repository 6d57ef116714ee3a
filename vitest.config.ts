import { defineConfig } from 'vitest/config';

// Unit and API tests sit next to the code they test; browser tests live in e2e/ with their own config.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    // Each API test file loads the demo district into a fresh database first; on a busy machine
    // that takes well over a minute.
    hookTimeout: 240_000,
  },
});
