import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    // Importing the real module from plain Node tries to download the Electron binary.
    alias: { electron: fileURLToPath(new URL('./test/mocks/electron.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/lab/**', 'test/crash/**', 'test/fuzz/**', 'test/soak/**', 'node_modules/**'],
    environment: 'node',
    // A guard against a hung test, not a measure: npm test runs these beside the lab at the lowest priority, where a
    // 4 s test of the large preset once took 40 s.
    testTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on two cores is one worker; the unit files are independent (148 s → 78 s).
    maxWorkers: 2,
  },
});
