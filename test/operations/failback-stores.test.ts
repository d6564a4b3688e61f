// A failback that carries disks back lets the admin choose which of the home host's stores takes them
// (issue #14, new-user review 13, 10): the planner's choice is the store they came from.

import { describe, expect, it } from 'vitest';
import { planFailback } from '../../src/main/operations/failback-planner';
import { checkChosenStores, chosenStoreWords } from '../../src/main/operations/failback-stores';
import { commands } from '../../src/shared/api/commands';
import type { Task } from '../../src/shared/model/migration';
import { presetView } from '../engine/fake-view';

const H2 = 'DC0_C0_H2';
const VM3 = 'DC0_C0_H2_VM3';
const HOME_STORE = 'DC0_C0_H2_DS0';
const SHARED = 'DC0_C0_DS0';
const GiB = 1024 ** 3;

/** H2's local-disk VM as a shared-nothing evacuation left it: on H3, its disk on `store`. */
async function movedAway(store: string) {
  const world = await presetView('demo');
  const vm = world.vm(VM3);
  world.vms.set(VM3, { ...vm, hostId: 'DC0_C0_H3', disks: vm.disks.map((d) => ({ ...d, datastoreId: store })) });
  const task = { vmId: VM3, sourceDatastoreIds: [HOME_STORE], destDatastoreId: store } as unknown as Task;
  const plan = (chosen: Record<string, string> = {}) =>
    planFailback(world.view, world.host(H2), 'op-1', [{ task, missionCritical: false }], new Map(), [], new Map(Object.entries(chosen)));
  return { world, plan };
}

describe('the store a failback puts disks back on', () => {
  it("offers the home host's stores, the one the disks came from chosen, and plans the move with the admin's", async () => {
    const { plan } = await movedAway('DC0_C0_H3_DS0');
    const planned = plan().moves[0];
    expect(planned).toMatchObject({ kind: 'with-disk', destDatastoreId: HOME_STORE });
    expect(planned?.storeChoice).toEqual({
      selectedId: HOME_STORE,
      choices: [
        { datastoreId: HOME_STORE, datastoreName: HOME_STORE, origin: true, holdsDisks: false },
        { datastoreId: SHARED, datastoreName: SHARED, origin: false, holdsDisks: false },
      ],
    });
    const chosen = plan({ [VM3]: SHARED }).moves[0];
    expect(chosen).toMatchObject({ kind: 'with-disk', destDatastoreId: SHARED, destDatastoreName: SHARED });
    expect(chosen?.storeChoice?.selectedId).toBe(SHARED);
  });

  it('moves the VM alone when the chosen store already holds its disks, and times it so', async () => {
    const { plan } = await movedAway(SHARED);
    const back = plan().moves[0];
    expect(back?.storeChoice?.choices.find((c) => c.datastoreId === SHARED)?.holdsDisks).toBe(true);
    const staying = plan({ [VM3]: SHARED }).moves[0];
    expect(staying).toMatchObject({ kind: 'live', destDatastoreId: null, storeChoice: { selectedId: SHARED } });
    // No disk to copy: the move is shorter than the one carrying it back.
    expect(staying?.endMs).toBeLessThan(back?.endMs ?? 0);
  });

  it("leaves out a store without room, keeps the planner's store then, and refuses the request with the reason", async () => {
    const { world, plan } = await movedAway('DC0_C0_H3_DS0');
    world.datastores.set(SHARED, { ...world.datastores.get(SHARED)!, freeBytes: 1 * GiB });
    const shown = plan({ [VM3]: SHARED });
    expect(shown.moves[0]?.storeChoice?.choices.map((c) => c.datastoreId)).toEqual([HOME_STORE]);
    expect(shown.moves[0]).toMatchObject({ destDatastoreId: HOME_STORE });
    const chosen = new Map([[VM3, SHARED]]);
    expect(() => checkChosenStores(world.view, world.host(H2), shown, chosen)).toThrow(
      expect.objectContaining({ code: 'PRECHECK_FAILED', message: expect.stringContaining(`${SHARED} has no room`) }),
    );
  });

  it('refuses a store the home host does not reach, and a VM the failback does not move back with its disks', async () => {
    const { world, plan } = await movedAway('DC0_C0_H3_DS0');
    const shown = plan({ [VM3]: 'DC0_C0_H0_DS0' });
    expect(shown.moves[0]?.destDatastoreId).toBe(HOME_STORE);
    expect(() => checkChosenStores(world.view, world.host(H2), shown, new Map([[VM3, 'DC0_C0_H0_DS0']]))).toThrow(
      expect.objectContaining({
        code: 'PRECHECK_FAILED',
        message: `${H2} does not reach DC0_C0_H0_DS0: choose one of its datastores for ${VM3}'s disks`,
      }),
    );
    expect(() => checkChosenStores(world.view, world.host(H2), shown, new Map([['DC0_C0_H2_VM0', SHARED]]))).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('counts the disks an earlier move of the plan puts on a store before offering it to the next VM', async () => {
    const { world } = await movedAway('DC0_C0_H3_DS0');
    // H2's VM1 moved with its disk too (as if it had one on H2's local store).
    const other = world.vm('DC0_C0_H2_VM1');
    world.vms.set(other.id, { ...other, hostId: 'DC0_C0_H3', disks: other.disks.map((d) => ({ ...d, datastoreId: 'DC0_C0_H3_DS0' })) });
    const need = (id: string) => world.vm(id).disks.reduce((s, d) => s + d.allocatedBytes, 0);
    // Room on the shared store for one of the two disks only.
    world.datastores.set(SHARED, { ...world.datastores.get(SHARED)!, freeBytes: need(VM3) + need(other.id) - 1 });
    const moved = [VM3, other.id].map((vmId) => ({
      task: { vmId, sourceDatastoreIds: [HOME_STORE], destDatastoreId: 'DC0_C0_H3_DS0' } as unknown as Task,
      missionCritical: false,
    }));
    const plan = planFailback(
      world.view,
      world.host(H2),
      'op-1',
      moved,
      new Map(),
      [],
      new Map([
        [VM3, SHARED],
        [other.id, SHARED],
      ]),
    );
    const stores = plan.moves.map((m) => m.storeChoice?.choices.map((c) => c.datastoreId));
    expect(stores).toContainEqual([HOME_STORE, SHARED]);
    expect(stores).toContainEqual([HOME_STORE]);
  });

  it('names in the audit words the stores chosen other than where the disks came from', async () => {
    const { plan } = await movedAway(SHARED);
    expect(chosenStoreWords(plan())).toBe('');
    expect(chosenStoreWords(plan({ [VM3]: SHARED }))).toBe(
      ` (${VM3}'s disks stay on ${SHARED} instead of ${HOME_STORE}, where they came from, as chosen)`,
    );
  });

  it('takes the chosen stores only as a map of ids, in the plan and the confirm', () => {
    const request = commands['maintenance.failback'].request;
    expect(request.safeParse({ hostId: H2, datastores: { [VM3]: SHARED }, confirmed: [VM3] }).success).toBe(true);
    expect(request.safeParse({ hostId: H2, datastores: { [VM3]: 5 } }).success).toBe(false);
    expect(request.safeParse({ hostId: H2, datastores: { [VM3]: '' } }).success).toBe(false);
    expect(commands['maintenance.failbackPlan'].request.safeParse({ hostId: H2, datastores: [SHARED] }).success).toBe(false);
  });
});
