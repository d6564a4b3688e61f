import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { BridgeClient } from '../test/e2e/bridge-client';
import { ConsoleApp } from '../test/e2e/console-app';
import { record, size, smoke } from './harness';
import { startRunningMoves } from './running-moves';

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds a process has used (user + system, all its threads), from /proc. */
function cpuSeconds(pid: number): number {
  // The command may hold spaces and parentheses: fields are counted after the last ')'.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').at(-1)!.trim().split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** SIGTERM, timed to the exit; a clean stop exits 0 with the database checkpointed (no WAL left). */
async function timedStop(app: ConsoleApp, what: string): Promise<number> {
  const start = performance.now();
  const code = await app.stop('SIGTERM');
  const ms = performance.now() - start;
  if (code !== 0) throw new Error(`${what}: the console exited with ${code} on SIGTERM: ${app.stderr.slice(-2000)}`);
  if (existsSync(join(app.dataDir, 'ferry.db-wal'))) throw new Error(`${what}: the database was not checkpointed (ferry.db-wal is left)`);
  return ms;
}

// #16 item 7: quiet at rest and prompt to stop, on every preset, with migrations running or not.
for (const preset of smoke ? (['demo'] as const) : (['demo', 'large'] as const)) {
  it(`the ${preset} console at rest uses little CPU and stops promptly on SIGTERM`, async () => {
    const app = new ConsoleApp({ preset });
    try {
      await app.start();
      // Once started: the first discovery, the first metrics and the page's first reads are behind it.
      await sleep(size(10_000, 2_000));
      const pid = app.pid!;
      // Long enough on the large preset to hold its periodic work: a full read of 40,000 VMs and a
      // balancing pass, each every 5 minutes.
      const windowMs = size(preset === 'large' ? 300_000 : 60_000, 5_000);
      const before = cpuSeconds(pid);
      await sleep(windowMs);
      const busy = (100 * (cpuSeconds(pid) - before)) / (windowMs / 1000);
      record({
        name: `console at rest, ${preset}: CPU over ${windowMs / 1000} s`,
        value: busy,
        unit: '% of a core',
        goal: 2,
        better: 'lower',
      });

      const idleMs = await timedStop(app, `${preset} at rest`);
      record({ name: `console stop on SIGTERM, ${preset}, at rest`, value: idleMs / 1000, unit: 's', goal: 2, better: 'lower' });

      // The same datacenter again, now moving: the stop must not wait for the migrations.
      const url = await app.start();
      const client = await BridgeClient.connect(url);
      const moving = await startRunningMoves(client, size(preset === 'large' ? 100 : 6, 3), preset !== 'large');
      client.close();
      await sleep(2_000);
      const movingMs = await timedStop(app, `${preset} while moving`);
      record({
        name: `console stop on SIGTERM, ${preset}, ${moving} migrations running`,
        value: movingMs / 1000,
        unit: 's',
        goal: 2,
        better: 'lower',
      });
    } finally {
      await app.dispose();
    }
  });
}
