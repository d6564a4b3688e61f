// Issue #14: a paused VM on a host entering maintenance was in no part of its plan and stayed there,
// silently (the host even finished entering with the guest's memory on it).

import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../src/main/drivers/sim/presets';
import { MemoryStateStore } from '../../src/main/drivers/sim/store';
import { useServices } from '../helpers/services';
import { openWorld } from '../engine/harness';

const H1 = 'DC0_C0_H1';
const VM0 = 'DC0_C0_H1_VM0';

/** The demo datacenter with DC0_C0_H1_VM0 paused, and VM5 (its GPU cannot move live) off: it stays, and holds nothing. */
function pausedStore(): MemoryStateStore {
  const state = buildPreset('demo', 0);
  for (const vm of state.vms) {
    if (vm.id === VM0) vm.power = 'paused';
    if (vm.id === 'DC0_C0_H1_VM5') vm.power = 'off';
  }
  const store = new MemoryStateStore();
  store.save(state);
  return store;
}

describe('maintenance: a paused VM on the host', () => {
  const start = useServices();

  it('is listed as cannot move and holds the host entering; resumed, a retry moves it and the host finishes', async () => {
    const world = await openWorld(start, { preset: 'demo', store: pausedStore() });
    const m = world.services;
    expect(m.inventory.vm(VM0)?.power).toBe('paused');
    expect(m.maintenance.plan(H1).blocked.map((b) => b.vmId)).toContain(VM0);
    m.maintenance.enter(H1, 'alice');
    await world.clock.advanceUntil(() => m.engine.tasks().length === 0, 3600_000, 500);
    await world.clock.advance(5000);
    const stuck = m.maintenance.progress(H1);
    expect(stuck.stage).toBe('cannot-finish');
    expect(stuck.blocked.find((b) => b.vmId === VM0)?.reasons[0]?.message).toMatch(/^it is paused/);
    expect(m.inventory.host(H1)?.maintenance).toBe('entering');
    // While it is paused a retry says why it cannot move.
    expect(() => m.maintenance.moveBlocked(H1, VM0, 'retry', 'alice')).toThrow(/it is paused/);

    await world.sim.resumeVm(VM0, H1);
    await world.clock.advanceUntil(() => m.inventory.vm(VM0)?.power === 'running', 60_000, 500);
    m.maintenance.moveBlocked(H1, VM0, 'retry', 'alice');
    await world.clock.advanceUntil(() => m.inventory.host(H1)?.maintenance === 'on', 3600_000, 500);
    expect(m.inventory.vm(VM0)).toMatchObject({ power: 'running', hostId: expect.not.stringMatching(H1) });
    expect(m.maintenance.progress(H1)).toMatchObject({ stage: 'on', blocked: [] });
  });
});
