// One console per data folder, across processes: the lock is the kernel's, held by the running
// console itself, so neither a stale PID nor a recycled one decides who may open the folder.

import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleApp } from './console-app';

describe('one console per data folder, across processes', () => {
  const apps: ConsoleApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.dispose();
  });
  const consoleOn = (dataDir?: string) => {
    const app = new ConsoleApp({ preset: 'tiny', ...(dataDir ? { dataDir } : {}) });
    apps.push(app);
    return app;
  };

  it('refuses a second console while the first runs, even when the lock file names a dead process', async () => {
    const first = consoleOn();
    await first.start();
    // What two consoles racing after a crash could leave: a lock file that says its holder is gone.
    for (const file of readdirSync(first.dataDir).filter((f) => /^ferry\.(lock|pid)/.test(f)))
      writeFileSync(join(first.dataDir, file), String(4_194_305));
    const second = consoleOn(first.dataDir);
    await expect(second.start()).rejects.toThrow(/is using|already using|could not lock/);
    expect(first.pid).not.toBeNull();
  });

  it('opens a folder whose console was killed: the kernel let go of its lock', async () => {
    const first = consoleOn();
    await first.start();
    await first.kill();
    const second = consoleOn(first.dataDir);
    await expect(second.start()).resolves.toMatch(/token=/);
  });
});
