import { describe, expect, it, vi } from 'vitest';
import type { DiscoveryScope } from '../../../src/main/drivers/driver';
import { InventoryTable } from '../../../src/main/store/inventory/inventory-table';
import type { InventoryDelta } from '../../../src/shared/model/inventory';
import { dbOf, useServices } from '../../helpers/services';
import { openWorld, request, untilFinished } from '../harness';

// At 40,000 VMs one discovery is most of a second: a move that made the console read every VM
// (on its switchover event, and again at its commit) kept the main process busy with 200 moves running.
describe('discovery after a change the driver can name', () => {
  const start = useServices();

  it('reads only the moved VM, at its switchover and its commit, and the inventory shows it where it now runs', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const scopes: (DiscoveryScope | undefined)[] = [];
    const discover = world.sim.discover.bind(world.sim);
    vi.spyOn(world.sim, 'discover').mockImplementation((scope) => {
      scopes.push(scope);
      return discover(scope);
    });
    const deltas: InventoryDelta[] = [];
    world.services.inventory.delta.on((d) => deltas.push(d));
    const vmCount = world.services.inventory.allVms().length;

    const [task] = world.services.engine.request(request({ vmIds: ['DC0_C0_H0_VM0'], destHostId: 'DC0_C0_H1' }), { requestedBy: 'a' });
    // Short of the periodic full discovery (30 s): every read this move caused is its own.
    expect((await untilFinished(world, task!.id, 25_000)).state).toBe('completed');

    await world.clock.advance(1000);
    expect(scopes.length).toBeGreaterThanOrEqual(2);
    expect(scopes.every((s) => s?.vmIds.length === 1 && s.vmIds[0] === 'DC0_C0_H0_VM0')).toBe(true);
    expect(world.services.inventory.vm('DC0_C0_H0_VM0')?.hostId).toBe('DC0_C0_H1');
    // A scoped report removes nothing it did not speak of.
    expect(world.services.inventory.allVms()).toHaveLength(vmCount);
    expect(deltas.flatMap((d) => d.removedVmIds)).toEqual([]);
    expect(deltas.flatMap((d) => d.vms.map((v) => v.id))).toContain('DC0_C0_H0_VM0');
  });

  it('removes a VM of the scope the driver no longer reports, and keeps every other', async () => {
    const world = await openWorld(start, { preset: 'tiny' });
    const [gone, kept] = world.services.inventory.allVms();
    const full = await world.sim.discover();
    world.services.inventory.applyDiscovery('sim', {
      ...full,
      vms: full.vms.filter((v) => v.id !== gone!.id && v.id !== kept!.id),
      vmScope: [gone!.id],
    });
    expect(world.services.inventory.vm(gone!.id)).toBeUndefined();
    expect(world.services.inventory.vm(kept!.id)).toBeDefined();
  });

  it('merges the VMs of events that come together into one read, and any unscoped change into a full one', async () => {
    const world = await openWorld(start, { preset: 'tiny' });
    const scopes: (DiscoveryScope | undefined)[] = [];
    const discover = world.sim.discover.bind(world.sim);
    vi.spyOn(world.sim, 'discover').mockImplementation((scope) => {
      scopes.push(scope);
      return discover(scope);
    });
    const [a, b] = world.services.inventory.allVms();
    await world.sim.powerOff(a!.id, a!.hostId);
    await world.sim.powerOff(b!.id, b!.hostId);
    await world.clock.advance(1000);
    expect(scopes).toEqual([{ vmIds: [a!.id, b!.id] }]);
    expect(world.services.inventory.vm(a!.id)?.power).toBe('off');

    await world.sim.powerOn(a!.id, a!.hostId);
    world.sim.faults.add({ operation: 'host.degrade', target: '*', delayMs: 0, count: 1 });
    await world.clock.advance(1000);
    expect(scopes.at(-1)).toBeUndefined();
  });
});

describe('writing a discovery', () => {
  const start = useServices();

  it('writes only what changed: the same report again writes nothing, a moved VM writes that VM and the hosts whose data changed', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    // Spies call through: the tables are written as before, and each write is counted by table.
    const spies = (['put', 'replaceForDriver', 'remove'] as const).map((method) => ({
      method,
      spy: vi.spyOn(InventoryTable.prototype, method),
    }));
    const writes = (): string[] =>
      spies.flatMap(({ method, spy }) =>
        spy.mock.contexts.map((table) => `${(table as InventoryTable<{ id: string; name: string }>).table}.${method}`),
      );
    const report = await world.sim.discover();
    world.services.inventory.applyDiscovery('sim', report);
    expect(writes()).toEqual([]);

    const vm = report.vms[0]!;
    const other = report.hosts.find((h) => h.id !== vm.hostId)!;
    world.services.inventory.applyDiscovery('sim', { ...report, vms: [{ ...vm, hostId: other.id }], vmScope: [vm.id] });
    expect(writes()).toEqual(['vms.put']);
  });

  it('forgets a datacenter the driver no longer reports, in memory and in the database, also one a restart loaded', async () => {
    const world = await openWorld(start, { preset: 'tiny' });
    const report = await world.sim.discover();
    const stale = { id: 'sim:old-dc', name: 'old' };
    world.services.inventory.applyDiscovery('sim', { ...report, datacenters: [...report.datacenters, stale] });
    expect(world.services.inventory.snapshot().datacenters.map((d) => d.id)).toContain(stale.id);

    world.services.inventory.applyDiscovery('sim', report);
    expect(world.services.inventory.snapshot().datacenters.map((d) => d.id)).not.toContain(stale.id);
    expect(dbOf(world.services).prepare('SELECT id FROM datacenters WHERE id = ?').get(stale.id)).toBeUndefined();
  });
});
