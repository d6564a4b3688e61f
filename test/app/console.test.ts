import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConsole } from '../../src/main/app/console';
import { MemoryStateStore } from '../../src/main/drivers/sim/store';
import { useTempDirs } from '../helpers/temp-dir';

describe('one console per data folder', () => {
  const tempDir = useTempDirs();
  const options = (dataDir: string) => ({
    dataDir,
    shell: 'browser' as const,
    version: 't',
    osUser: 't',
    preset: 'tiny' as const,
    simStore: new MemoryStateStore(),
  });

  it('refuses a second console on the same folder until the first one closes', async () => {
    const dataDir = tempDir();
    const first = await openConsole(options(dataDir));
    await expect(openConsole(options(dataDir))).rejects.toThrow(/already using|is using/);
    await first.close();
    const again = await openConsole(options(dataDir));
    await again.close();
  });

  it('takes over the lock a crashed console left behind', async () => {
    const dataDir = tempDir();
    // PID 2^22 + 1 is above Linux's pid_max default: no process has it.
    writeFileSync(join(dataDir, 'ferry.lock'), String(4_194_305));
    const opened = await openConsole(options(dataDir));
    await opened.close();
  });

  it('makes a new data folder only its user may enter (the database in it is 0644 under the usual umask)', async () => {
    const dataDir = join(tempDir(), 'new', 'ferry');
    const opened = await openConsole(options(dataDir));
    await opened.close();
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });
});
