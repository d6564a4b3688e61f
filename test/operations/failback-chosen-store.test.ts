// The failback confirm carries the stores the admin chose (issue #14, new-user review 13, 10): the
// moves requested use them, a store the plan cannot use is refused before anything starts, and the
// plan shown is still the one that runs.

import { describe, expect, it } from 'vitest';
import { dbOf, useServices } from '../helpers/services';
import { openWorld, type World } from '../engine/harness';

const H2 = 'DC0_C0_H2';
const VM3 = 'DC0_C0_H2_VM3';
const SHARED = 'DC0_C0_DS0';
const settle = (world: World) => world.clock.advanceUntil(() => world.services.engine.tasks().length === 0, 3600_000, 1000);
const failbackRecords = (world: World) =>
  dbOf(world.services).prepare("SELECT details FROM audit WHERE action = 'maintenance.failback-requested'").all() as { details: string }[];

/** H2 evacuated with its local-disk VM moving with its disk (to the shared store), then left. */
async function afterMaintenance(start: ReturnType<typeof useServices>): Promise<World> {
  const world = await openWorld(start, { preset: 'demo' });
  world.services.maintenance.enter(H2, 'alice', { withLocalDisks: true, poweredOff: false });
  await world.clock.advanceUntil(() => world.services.inventory.host(H2)?.maintenance === 'on', 3600_000, 1000);
  world.services.maintenance.exit(H2, 'alice');
  return world;
}

describe('a failback with the stores the admin chose', () => {
  const start = useServices();

  it('refuses a store the home host does not reach and a VM it does not move back with disks, starting nothing', async () => {
    const world = await afterMaintenance(start);
    const m = world.services.maintenance;
    expect(() => m.failback(H2, 'bob', new Map([[VM3, 'DC0_C0_H0_DS0']]))).toThrow(
      expect.objectContaining({ code: 'PRECHECK_FAILED', message: expect.stringContaining(`${H2} does not reach DC0_C0_H0_DS0`) }),
    );
    expect(() => m.failback(H2, 'bob', new Map([['DC0_C0_H2_VM0', SHARED]]))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => m.failback(H2, 'bob', new Map([['no-such-vm', SHARED]]))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(world.services.engine.tasks()).toEqual([]);
    expect(failbackRecords(world)).toEqual([]);
    expect(m.progress(H2).failbackCount).toBeGreaterThan(0);
  });

  it('refuses a plan that moves other VMs than the one shown with the chosen stores', async () => {
    const world = await afterMaintenance(start);
    const m = world.services.maintenance;
    const chosen = new Map([[VM3, SHARED]]);
    const shown = m.failbackPlan(H2, chosen).moves.map((x) => x.vmId);
    expect(() => m.failback(H2, 'bob', chosen, shown.slice(1))).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: { planChanged: true } }),
    );
    expect(world.services.engine.tasks()).toEqual([]);
  });

  it('moves the VM back with its disks on the chosen store, and its record says so', async () => {
    const world = await afterMaintenance(start);
    const m = world.services.maintenance;
    const homeStore = 'DC0_C0_H2_DS0';
    expect(m.failbackPlan(H2).moves.find((x) => x.vmId === VM3)).toMatchObject({ destDatastoreId: homeStore });
    const chosen = new Map([[VM3, SHARED]]);
    const shown = m.failbackPlan(H2, chosen);
    expect(shown.moves.find((x) => x.vmId === VM3)).toMatchObject({
      kind: 'live',
      destDatastoreId: null,
      storeChoice: { selectedId: SHARED },
    });

    m.failback(
      H2,
      'bob',
      chosen,
      shown.moves.map((x) => x.vmId),
    );
    expect(world.services.engine.tasks().find((t) => t.vmId === VM3)).toMatchObject({ type: 'compute', destDatastoreId: null });
    await settle(world);
    const vm = world.services.inventory.vm(VM3);
    expect(vm?.hostId).toBe(H2);
    expect(vm?.disks.map((d) => d.datastoreId)).toEqual([SHARED]);
    expect(failbackRecords(world).map((r) => r.details)).toEqual([
      expect.stringContaining(`${VM3}'s disks stay on ${SHARED} instead of ${homeStore}, where they came from, as chosen`),
    ]);
  });
});
