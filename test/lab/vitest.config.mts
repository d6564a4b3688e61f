import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Lab tests drive real libvirt hosts (scripts/lab): root only, one file at a time, real clock.
// globalSetup brings the lab up before and down after; it fails loudly rather than skip.
export default defineConfig({
  resolve: {
    alias: { electron: fileURLToPath(new URL('../mocks/electron.ts', import.meta.url)) },
  },
  test: {
    include: ['test/lab/**/*.lab.test.ts'],
    environment: 'node',
    globalSetup: ['test/lab/global-setup.ts'],
    // Again only after a guest kernel crashed mid-test (retry-after-guest-crash.ts decides), at most twice.
    setupFiles: ['test/lab/retry-after-guest-crash.ts'],
    retry: 2,
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
