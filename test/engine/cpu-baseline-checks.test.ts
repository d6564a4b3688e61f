import { describe, expect, it } from 'vitest';
import { cpuGenerations } from '../../src/main/drivers/sim/cpus';
import { precheck } from '../../src/main/engine/planning/prechecks';
import { rankHosts } from '../../src/main/engine/planning/recommend';
import { planEvacuation } from '../../src/main/operations/evacuation-planner';
import type { ClusterCpuBaseline } from '../../src/shared/model/cpu-baseline';
import { presetView } from './fake-view';

type World = Awaited<ReturnType<typeof presetView>>;

const baseline = (model: string, features: readonly string[]): ClusterCpuBaseline => ({
  source: 'computed',
  model,
  vendor: 'Intel',
  features: [...features].sort(),
  disabledFeatures: [],
  arch: null,
  virtType: null,
  setAt: '2026-11-26T07:00:00.000Z',
  setBy: 'alice',
});
/** Set when only the Sapphire Rapids hosts were in DC0_C0: the Cascade Lake ones joined below it. */
const sapphire = baseline('SapphireRapids', cpuGenerations.sapphireRapids.cpu.features);
const cascade = baseline('Cascadelake-Server', cpuGenerations.cascadeLake.cpu.features);

async function withBaseline(evc: ClusterCpuBaseline | null): Promise<World> {
  const world = await presetView('demo');
  const cluster = world.view.cluster.bind(world.view);
  world.view.cluster = (id) => {
    const c = cluster(id);
    return c && { ...c, evc: id === 'DC0_C0' ? evc : null };
  };
  return world;
}

const check = (world: World, vmId: string, destId: string) =>
  precheck(world.view, {
    vm: world.vm(vmId),
    dest: world.host(destId),
    type: 'compute',
    destDatastoreId: null,
    inbound: undefined,
    vmAlreadyMigrating: false,
  });

describe('the cluster CPU baseline in the prechecks', () => {
  it('refuses a host below the baseline as a target, naming the features it lacks and the fix', async () => {
    const world = await withBaseline(sapphire);
    const results = check(world, 'DC0_C0_H2_VM1', 'DC0_C0_H0');
    const below = results.find((r) => r.code === 'CPU_BELOW_BASELINE');
    expect(below).toMatchObject({ severity: 'error', message: expect.stringContaining('amx-tile') });
    expect(below?.message).toContain('SapphireRapids');
    expect(below?.hint).toMatch(/lower DC0_C0's baseline/);
    expect(check(world, 'DC0_C0_H2_VM1', 'DC0_C0_H3').some((r) => r.severity === 'error')).toBe(false);
  });

  it('keeps hosts below it out of recommendations and evacuation plans in that cluster', async () => {
    const world = await withBaseline(sapphire);
    const ratings = rankHosts(world.view, world.vm('DC0_C0_H2_VM1'), 'compute', new Map());
    for (const id of ['DC0_C0_H0', 'DC0_C0_H1']) {
      const rating = ratings.find((r) => r.hostId === id);
      expect(rating?.rating).toBe(0);
      expect(rating?.checks.map((c) => c.code)).toContain('CPU_BELOW_BASELINE');
    }
    expect(ratings.find((r) => r.hostId === 'DC0_C0_H3')?.rating).toBeGreaterThan(0);
    const [plan] = planEvacuation(world.view, ['DC0_C0_H2']);
    expect(plan?.moves.length).toBeGreaterThan(0);
    for (const move of plan?.moves ?? []) expect(move.destHostId).toBe('DC0_C0_H3');
  });

  it('flags a guest using features beyond the baseline with their names and the fix, and says when the fix is pending', async () => {
    const world = await withBaseline(cascade);
    const outside = check(world, 'DC0_C0_H2_VM0', 'DC0_C0_H3').find((r) => r.code === 'CPU_OUTSIDE_BASELINE');
    expect(outside).toMatchObject({ severity: 'warning', message: expect.stringContaining('amx-tile') });
    expect(outside?.hint).toMatch(/apply the baseline CPU at next power cycle/);
    world.vms.set('DC0_C0_H2_VM0', { ...world.vm('DC0_C0_H2_VM0'), cpuPending: { model: cascade.model, features: cascade.features } });
    const pending = check(world, 'DC0_C0_H2_VM0', 'DC0_C0_H3').find((r) => r.code === 'CPU_OUTSIDE_BASELINE');
    expect(pending?.hint).toMatch(/pending: power-cycle it/);
    expect(check(world, 'DC0_C0_H2_VM1', 'DC0_C0_H3').map((r) => r.code)).not.toContain('CPU_OUTSIDE_BASELINE');
  });

  it('refuses nothing from a host whose feature list is incomplete (Ferry cannot tell)', async () => {
    const world = await withBaseline(sapphire);
    const h0 = world.host('DC0_C0_H0');
    world.hosts.set('DC0_C0_H0', { ...h0, cpu: { ...h0.cpu, featuresError: 'libvirt could not expand it' } });
    expect(check(world, 'DC0_C0_H2_VM1', 'DC0_C0_H0').map((r) => r.code)).not.toContain('CPU_BELOW_BASELINE');
  });

  it('adds nothing with the baseline off: every pair judged exactly as before', async () => {
    const off = await withBaseline(null);
    const before = await presetView('demo');
    for (const vm of before.view.allVms().slice(0, 40))
      for (const host of before.view.allHosts()) expect(check(off, vm.id, host.id)).toEqual(check(before, vm.id, host.id));
  });
});
