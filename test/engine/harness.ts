import { expect } from 'vitest';
import type { Services } from '../../src/main/app/services';
import type { VirtualClock } from '../../src/main/base/clock/virtual-clock';
import type { SimDriver } from '../../src/main/drivers/sim/sim-driver';
import { buildPreset, type PresetName } from '../../src/main/drivers/sim/presets';
import { MemoryStateStore } from '../../src/main/drivers/sim/store';
import { defaultConvergencePolicy, type Task } from '../../src/shared/model/migration';
import type { FaultRuleInput } from '../../src/shared/model/faults';
import type { MigrationRequest } from '../../src/shared/model/schedule';
import { type useServices, dbOf } from '../helpers/services';

export type Start = ReturnType<typeof useServices>;

export interface World {
  services: Services;
  clock: VirtualClock;
  sim: SimDriver;
  store: MemoryStateStore;
  dataDir: string;
}

export async function openWorld(
  start: Start,
  options: { preset?: PresetName; faults?: FaultRuleInput[]; store?: MemoryStateStore; dataDir?: string; clock?: VirtualClock } = {},
): Promise<World> {
  const store = options.store ?? new MemoryStateStore();
  const opened = await start({
    preset: options.preset ?? 'tiny',
    simStore: store,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.clock ? { clock: options.clock, simClock: options.clock } : {}),
  });
  const sim = opened.services.fleet.driver('sim') as SimDriver;
  for (const rule of options.faults ?? []) sim.faults.add(rule);
  return { ...opened, sim, store };
}

/**
 * A request with defaults. One that sets its own options slows the copy on purpose (to stop it
 * mid-way, to see the policy act): it acknowledges what the checks warn of them, as an admin ticks it.
 */
export const request = (overrides: Partial<MigrationRequest> & Pick<MigrationRequest, 'vmIds'>): MigrationRequest => ({
  destHostId: 'DC0_C0_H1',
  type: 'compute',
  destDatastoreId: null,
  priority: 'default',
  options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
  acknowledgedWarnings: overrides.options ? ['WILL_NOT_CONVERGE', 'WILL_TIME_OUT'] : [],
  ...overrides,
});

/** Runs virtual time until the task ends; fails the test if it never does. */
export async function untilFinished(world: World, taskId: string, limitMs = 2 * 3600_000): Promise<Task> {
  await world.clock.advanceUntil(() => world.services.board.get(taskId)?.phase === 'done', limitMs, 500);
  await world.clock.advance(0);
  return world.services.board.get(taskId) as Task;
}

export async function untilPhase(world: World, taskId: string, phase: Task['phase'], limitMs = 600_000): Promise<void> {
  await world.clock.advanceUntil(() => world.services.board.get(taskId)?.phase === phase, limitMs, 100);
}

/** A store holding the preset with these VMs powered off, for cold migrations. */
export function poweredOffStore(preset: PresetName, vmIds: readonly string[]): MemoryStateStore {
  const state = buildPreset(preset, 0);
  for (const vm of state.vms) if (vmIds.includes(vm.id)) vm.power = 'off';
  const store = new MemoryStateStore();
  store.save(state);
  return store;
}

/**
 * The invariants every case ends with: the VM runs exactly once, where expected, and holds no lock
 * (a cold one: is registered exactly once there, still off).
 */
export async function expectSettled(
  world: World,
  vmId: string,
  hostId: string,
  pausedLeftoverOn: string[] = [],
  cold = false,
): Promise<void> {
  const placements = await world.sim.locateVm(vmId);
  const power = cold ? 'off' : 'running';
  // Once, and whole: not one half of a post-copy.
  expect(placements.filter((p) => p.power === power)).toEqual([{ hostId, power, copy: 'whole' }]);
  expect(placements.filter((p) => p.power !== power)).toEqual(
    pausedLeftoverOn.map((h) => expect.objectContaining({ hostId: h, power: 'paused' })),
  );
  expect((await world.sim.probeVm(vmId, hostId)).alive).toBe(!cold);
  expect(world.services.board.activeForVm(vmId)).toBeUndefined();
  const locks = dbOf(world.services)
    .prepare("SELECT COUNT(*) AS n FROM tasks WHERE vm_id = ? AND state IN ('queued', 'running')")
    .get(vmId) as { n: number };
  expect(locks.n).toBe(0);
  await world.services.refreshInventory();
  expect(world.services.inventory.vm(vmId)?.hostId).toBe(hostId);
}

export function auditActions(world: World, taskId: string): string[] {
  return (dbOf(world.services).prepare('SELECT action FROM audit WHERE task_id = ? ORDER BY id').all(taskId) as { action: string }[]).map(
    (r) => r.action,
  );
}

export function finishedRecord(world: World, taskId: string): Record<string, unknown> {
  return dbOf(world.services).prepare("SELECT * FROM audit WHERE task_id = ? AND action = 'migration.finished'").get(taskId) as Record<
    string,
    unknown
  >;
}
