import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Benchmarks run as plain measurements (not assertions): scripts/bench.mjs prints and stores them.
export default defineConfig({
  resolve: { alias: { electron: fileURLToPath(new URL('../test/mocks/electron.ts', import.meta.url)) } },
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
    // The lab benches move real TCG guests many times: again only after a guest kernel crashed
    // (test/lab/guest-crashes.ts: about one move in ten under load, virsh alone as well), at most three times.
    setupFiles: ['test/lab/retry-after-guest-crash.ts'],
    retry: 3,
  },
});
