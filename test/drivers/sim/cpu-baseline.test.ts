import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/main/base/clock/virtual-clock';
import { commonFeatures, limitingHosts } from '../../../src/main/drivers/cpu-baseline';
import { cpuGenerations } from '../../../src/main/drivers/sim/cpus';
import { SimDriver } from '../../../src/main/drivers/sim/sim-driver';
import { MemoryStateStore } from '../../../src/main/drivers/sim/store';

const cascadeLake = [...cpuGenerations.cascadeLake.cpu.features].sort();

describe('baseline arithmetic', () => {
  it('keeps the features every list has, once each, sorted', () => {
    expect(
      commonFeatures([
        ['c', 'a', 'b', 'a'],
        ['b', 'a', 'x'],
        ['a', 'b'],
      ]),
    ).toEqual(['a', 'b']);
    expect(commonFeatures([])).toEqual([]);
  });

  it('names the hosts whose removal would let the rest offer more; all of them when they are alike', () => {
    const hosts = [
      { id: 'old', features: ['a'] },
      { id: 'new1', features: ['a', 'b', 'c'] },
      { id: 'new2', features: ['a', 'b', 'c', 'd'] },
    ];
    expect(limitingHosts(hosts)).toEqual(['old']);
    expect(limitingHosts([...hosts, { id: 'odd', features: ['a', 'c'] }])).toEqual(['old']);
    expect(limitingHosts([{ id: 'odd', features: ['a', 'c'] }, { id: 'mid', features: ['a', 'b'] }, hosts[2]!])).toEqual(['odd', 'mid']);
    expect(limitingHosts([hosts[1]!, { id: 'twin', features: ['c', 'b', 'a'] }])).toEqual(['new1', 'twin']);
  });
});

describe('the simulated cluster CPU baseline', () => {
  const sim = () => new SimDriver({ clock: new VirtualClock(), preset: 'demo' });

  it("is the Cascade Lake hosts' features in a Cascade Lake + Sapphire Rapids cluster, limited by those two hosts", async () => {
    const baseline = await sim().cpuBaseline('DC0_C0', null);
    expect(baseline).toMatchObject({ model: 'Cascadelake-Server', vendor: 'Intel', features: cascadeLake });
    expect(baseline.definedByHostIds).toEqual(['DC0_C0_H0', 'DC0_C0_H1']);
    expect((await sim().discover()).clusters.find((c) => c.id === 'DC0_C0')).toMatchObject({
      cpuBaselineModel: 'Cascadelake-Server',
      cpuBaselineHostIds: ['DC0_C0_H0', 'DC0_C0_H1'],
    });
  });

  it('offers the models every host runs (oldest first, its vendor only), and expands a chosen one', async () => {
    const driver = sim();
    expect(await driver.cpuModels('DC0_C0')).toEqual(['qemu64', 'Haswell', 'Skylake-Server', 'Cascadelake-Server']);
    expect(await driver.cpuModels('DC0_C1')).toEqual(['qemu64', 'EPYC', 'EPYC-Milan']);
    const haswell = await driver.cpuBaseline('DC0_C0', 'Haswell');
    expect(haswell.model).toBe('Haswell');
    expect(haswell.features).toContain('avx2');
    expect(haswell.features).not.toContain('avx512f');
  });

  it('refuses a model some host cannot run, of another vendor, or unknown, with CPU_BASELINE_NOT_APPLICABLE', async () => {
    const driver = sim();
    await expect(driver.cpuBaseline('DC0_C0', 'SapphireRapids')).rejects.toMatchObject({
      code: 'CPU_BASELINE_NOT_APPLICABLE',
      message: expect.stringContaining('DC0_C0_H0, DC0_C0_H1'),
    });
    await expect(driver.cpuBaseline('DC0_C0', 'EPYC-Milan')).rejects.toMatchObject({ code: 'CPU_BASELINE_NOT_APPLICABLE' });
    await expect(driver.cpuBaseline('DC0_C0', 'Pentium')).rejects.toMatchObject({ code: 'CPU_BASELINE_NOT_APPLICABLE' });
    await expect(driver.cpuBaseline('nope', null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('applies a baseline at the next power cycle: pending while it runs, its CPU at power on, kept across a restart', async () => {
    const store = new MemoryStateStore();
    const clock = new VirtualClock();
    const driver = new SimDriver({ clock, preset: 'demo', store, saveDelayMs: 0 });
    const vmId = 'DC0_C0_H2_VM0'; // host-model: every Sapphire Rapids feature
    const baseline = await driver.cpuBaseline('DC0_C0', null);
    await driver.applyCpuAtPowerCycle(vmId, baseline);
    const running = (await driver.discover()).vms.find((v) => v.id === vmId)!;
    expect(running.cpuFeatures).toContain('amx-tile');
    expect(running.cpuPending).toEqual({ model: 'Cascadelake-Server', features: baseline.features });
    await driver.setPower(vmId, false);
    await driver.setPower(vmId, true);
    const booted = (await driver.discover()).vms.find((v) => v.id === vmId)!;
    expect(booted).toMatchObject({ power: 'running', cpuModel: 'Cascadelake-Server', cpuFeatures: baseline.features, cpuPending: null });
    await driver.close();
    const again = (await new SimDriver({ clock, preset: 'demo', store }).discover()).vms.find((v) => v.id === vmId)!;
    expect(again).toMatchObject({ cpuModel: 'Cascadelake-Server', cpuFeatures: baseline.features, cpuPending: null });
  });

  it("refuses a CPU the guest's host could not power it on with, and writes nothing", async () => {
    const driver = sim();
    const sapphire = {
      ...(await driver.cpuBaseline('DC0_C0', null)),
      model: 'SapphireRapids',
      features: [...cpuGenerations.sapphireRapids.cpu.features],
    };
    await expect(driver.applyCpuAtPowerCycle('DC0_C0_H0_VM0', sapphire)).rejects.toMatchObject({
      code: 'CPU_BASELINE_NOT_APPLICABLE',
      message: expect.stringContaining('amx-tile'),
    });
    await expect(driver.applyCpuAtPowerCycle('DC0_C1_H0_VM0', await driver.cpuBaseline('DC0_C0', null))).rejects.toMatchObject({
      code: 'CPU_BASELINE_NOT_APPLICABLE',
    });
    expect((await driver.discover()).vms.filter((v) => v.cpuPending)).toEqual([]);
  });
});
