import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// The fuzzers: every command with generated payloads in process, then raw HTTP and WebSocket garbage
// at the built browser shell (npm run build first). Seeded: FERRY_FUZZ_SEED replays, FERRY_FUZZ_RUNS sizes.
export default defineConfig({
  resolve: { alias: { electron: fileURLToPath(new URL('../mocks/electron.ts', import.meta.url)) } },
  test: {
    include: ['test/fuzz/**/*.fuzz.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
