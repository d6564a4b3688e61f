import { defineConfig } from 'vitest/config';

// The kill matrix drives the built console (npm run build) in child processes and kills them with
// SIGKILL mid-migration: one scenario at a time, real time.
export default defineConfig({
  test: {
    include: ['test/crash/**/*.crash.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
