import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../../src/main/drivers/sim/presets';
import type { SimDriver } from '../../../src/main/drivers/sim/sim-driver';
import { FileStateStore } from '../../../src/main/drivers/sim/store';
import { useTempDirs } from '../../helpers/temp-dir';
import { jobSpec, runUntilDone, simulate } from './helpers';

/** Every guest as Ferry could see it, with its boot (the probe's word), so a restore that changed any guest shows. */
async function guests(driver: SimDriver) {
  const { vms } = await driver.discover();
  return Promise.all(
    vms.map(async ({ cpuUsage: _live, ...vm }) => ({
      ...vm,
      boot: vm.power === 'running' ? await driver.probeVm(vm.id, vm.hostId) : null,
    })),
  );
}

describe('the simulated datacenter saved and restored', () => {
  const tempDir = useTempDirs();

  it('writes only the guests changed since the preset was built, and restores every guest as it was', async () => {
    const file = join(tempDir(), 'sim.json');
    const first = simulate('demo', new FileStateStore(file));
    await first.clock.advance(3_600_000);
    const job = jobSpec('DC0_C0_H0_VM0', 'DC0_C0_H0', 'DC0_C0_H1');
    await first.driver.startMigration(job);
    await runUntilDone(first.driver, first.clock, job.jobId);
    await first.driver.removeLeftovers(job, 'DC0_C0_H0');
    await first.driver.powerOff('DC0_C0_H0_VM5', 'DC0_C0_H0');
    const before = await guests(first.driver);
    await first.driver.close();

    const saved = JSON.parse(readFileSync(file, 'utf8')) as { vms: Record<string, unknown> };
    expect(Object.keys(saved.vms).sort()).toEqual(['DC0_C0_H0_VM0', 'DC0_C0_H0_VM5']);

    const second = simulate('demo', new FileStateStore(file), first.clock);
    expect(await guests(second.driver)).toEqual(before);
    expect(before.find((g) => g.id === 'DC0_C0_H0_VM0')?.hostId).toBe('DC0_C0_H1');
  });

  it('reads a file written before the build time was kept (every guest in it), as it was', async () => {
    const file = join(tempDir(), 'sim.json');
    const fresh = simulate('demo');
    // The older format: a state without a build time is written whole, as every file was then.
    const state = buildPreset('demo', fresh.clock.now());
    delete state.builtAtMs;
    new FileStateStore(file).save(state);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { builtAtMs?: number; vms: Record<string, unknown> };
    expect(saved.builtAtMs).toBeUndefined();
    expect(Object.keys(saved.vms)).toHaveLength(state.vms.length);

    await fresh.clock.advance(3_600_000);
    const restored = simulate('demo', new FileStateStore(file), fresh.clock);
    expect(await guests(restored.driver)).toEqual(await guests(fresh.driver));
  });
});
