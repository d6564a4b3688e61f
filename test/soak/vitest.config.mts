import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// The soak: the console's services on virtual time, sized by FERRY_SOAK_* (npm run soak runs a week
// on the large preset; npm test a short run). One file, one fork: it measures its own memory.
export default defineConfig({
  resolve: { alias: { electron: fileURLToPath(new URL('../mocks/electron.ts', import.meta.url)) } },
  test: {
    include: ['test/soak/**/*.soak.test.ts'],
    environment: 'node',
    testTimeout: 4 * 3600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    // The memory watch measures what is kept after a full collection.
    execArgv: ['--expose-gc'],
  },
});
