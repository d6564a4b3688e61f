import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built console (npm run build) in Debian's Chromium. Each file starts
// its own console on its own port and data folder, and mostly waits on it: two files at a time
// halve the wall time on two cores (measured 457 s → 276 s) without starving either.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    // A console beside another answers a moment later, and npm test runs these beside the lab at the lowest priority:
    // a state that comes is waited for up to 10 s (vitest's default is 1 s). A bound on waiting, never a measure.
    expect: { poll: { timeout: 10_000 } },
  },
});
