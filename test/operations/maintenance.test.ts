import { describe, expect, it } from 'vitest';
import { useServices, dbOf, routerFor } from '../helpers/services';
import { openWorld, type World } from '../engine/harness';

const context = { actor: 'alice', shell: 'browser' as const };

const actions = (world: World) =>
  dbOf(world.services).prepare('SELECT action, actor FROM audit ORDER BY id').all() as { action: string; actor: string }[];
const untilHost = async (world: World, hostId: string, state: 'on' | 'off' | 'entering', limitMs = 3600_000) =>
  world.clock.advanceUntil(() => world.services.inventory.host(hostId)?.maintenance === state, limitMs, 1000);

describe('maintenance mode on the sim', () => {
  const start = useServices();

  it("the operation's trail holds each move's start and outcome and the host's entering and leaving (review2 F11)", async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    const { operationId, total } = m.maintenance.enter('DC0_C0_H3', 'alice');
    await untilHost(world, 'DC0_C0_H3', 'on');
    m.maintenance.exit('DC0_C0_H3', 'alice');
    const page = await routerFor(m).dispatch(
      'audit.query',
      { filter: { operation: operationId ?? '' }, page: 0, pageSize: 100, sort: { field: 'id', direction: 'asc' } },
      context,
    );
    if (!page.ok) throw new Error(page.error.message);
    const rows = (page.value as { rows: { action: string }[] }).rows;
    const count = (action: string) => rows.filter((r) => r.action === action).length;
    expect(total).toBeGreaterThan(0);
    expect([count('maintenance.requested'), count('maintenance.entered'), count('maintenance.exited')]).toEqual([1, 1, 1]);
    expect([count('migration.requested'), count('migration.started'), count('migration.finished')]).toEqual([total, total, total]);
    expect(m.audit.verify().ok).toBe(true);
  });

  it('evacuates a host, shows n of m moved, and is in maintenance once empty; leaving is one action', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    const before = m.inventory.vmsOnHost('DC0_C0_H3').filter((v) => v.power === 'running').length;
    const progress = m.maintenance.enter('DC0_C0_H3', 'alice');
    expect(progress).toMatchObject({ state: 'entering', moved: 0, total: before, blocked: [] });
    const seen: number[] = [];
    m.hub.subscribe((name, payload) => name === 'maintenance.changed' && seen.push((payload as { moved: number }).moved));
    await untilHost(world, 'DC0_C0_H3', 'on');
    expect(m.inventory.vmsOnHost('DC0_C0_H3').filter((v) => v.power === 'running')).toEqual([]);
    expect(seen.at(-1)).toBe(before);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // Nothing moves onto a host in maintenance.
    expect(
      m.engine
        .checks({ vmIds: ['DC0_C0_H0_VM0'], destHostId: 'DC0_C0_H3', type: 'compute', destDatastoreId: null })[0]
        ?.results.map((r) => r.code),
    ).toContain('HOST_IN_MAINTENANCE');
    m.maintenance.exit('DC0_C0_H3', 'alice');
    expect(m.inventory.host('DC0_C0_H3')?.maintenance).toBe('off');
    const log = actions(world).map((a) => a.action);
    expect(log[0]).toBe('maintenance.requested');
    expect(log).toContain('maintenance.entered');
    expect(log.at(-1)).toBe('maintenance.exited');
    expect(actions(world).find((a) => a.action === 'migration.requested')?.actor).toBe('maintenance of DC0_C0_H3 (on behalf of alice)');
  });

  it('moves mission-critical VMs first and lists the VMs that cannot move, with reasons and options', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    const plan = m.maintenance.plan('DC0_C0_H1');
    expect(plan.moves[0]?.missionCritical).toBe(true);
    m.maintenance.enter('DC0_C0_H1', 'alice');
    const order = (
      dbOf(m).prepare("SELECT vm_name FROM audit WHERE action = 'migration.requested' ORDER BY id").all() as { vm_name: string }[]
    ).map((r) => r.vm_name);
    expect(order[0]).toBe('DC0_C0_H1_VM3');
    expect(m.engine.tasks().find((t) => t.vmName === 'DC0_C0_H1_VM3')?.priority).toBe('high');
    await world.clock.advanceUntil(() => m.engine.tasks().length === 0, 3600_000, 1000);
    const progress = m.maintenance.progress('DC0_C0_H1');
    // "n of m" counts only what can move: it finishes, and the stage says the host cannot finish entering.
    expect(progress).toMatchObject({ state: 'entering', stage: 'cannot-finish', moved: 5, total: 5 });
    expect(progress.blocked.map((b) => b.vmName)).toEqual(['DC0_C0_H1_VM5']);
    expect(progress.blocked[0]?.reasons[0]?.code).toBe('DEVICE_NOT_MIGRATABLE');
    expect(progress.blocked[0]?.options).toContain('Power it off and move it cold');
  });

  it('evacuates a degraded host by itself when its cluster policy says so', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    const cluster = m.inventory.cluster('DC0_C0');
    m.inventory.setClusterPolicy('DC0_C0', { ...cluster!.policy, degradedHost: 'evacuate' });
    world.sim.faults.add({ operation: 'host.degrade', target: 'DC0_C0_H2', delayMs: 5000 });
    await untilHost(world, 'DC0_C0_H2', 'entering', 60_000);
    const requested = dbOf(m).prepare("SELECT actor FROM audit WHERE action = 'maintenance.requested'").get() as { actor: string };
    expect(requested.actor).toBe('health monitor (policy of DC0_C0)');
    expect(m.automation.recommendations().advice).toEqual([expect.objectContaining({ hostId: 'DC0_C0_H2', kind: 'evacuate-degraded' })]);
    await world.clock.advanceUntil(() => m.engine.tasks().length === 0, 3600_000, 1000);
    // What stays is exactly what cannot move: the VM on the host's local datastore.
    expect(
      m.inventory
        .vmsOnHost('DC0_C0_H2')
        .filter((v) => v.power === 'running')
        .map((v) => v.name),
    ).toEqual(['DC0_C0_H2_VM3']);
    expect(m.maintenance.progress('DC0_C0_H2').blocked).toEqual([
      expect.objectContaining({ vmName: 'DC0_C0_H2_VM3', reasons: [expect.objectContaining({ code: 'STORAGE_NOT_REACHABLE' })] }),
    ]);
  });

  it('only recommends evacuating a degraded host under the default policy', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    world.sim.faults.add({ operation: 'host.degrade', target: 'DC0_C0_H2', delayMs: 5000 });
    await world.clock.advanceUntil(() => world.services.automation.recommendations().advice.length > 0, 60_000, 1000);
    expect(world.services.engine.tasks()).toEqual([]);
    expect(world.services.inventory.host('DC0_C0_H2')?.maintenance).toBe('off');
  });

  it('records, once and at start, a host whose health changed while Ferry was not running, in either direction', async () => {
    const first = await openWorld(start, { preset: 'demo' });
    first.sim.faults.add({ operation: 'host.degrade', target: 'DC0_C1_H2', delayMs: 1000 });
    await first.clock.advanceUntil(() => first.services.inventory.host('DC0_C1_H2')?.health === 'degraded', 60_000, 500);
    await first.services.close();
    const healthRecords = (world: World) =>
      dbOf(world.services).prepare("SELECT details FROM audit WHERE action = 'host.health-changed' ORDER BY id").all() as {
        details: string;
      }[];

    // The host recovers while Ferry is away.
    const saved = first.store.load();
    if (!saved) throw new Error('nothing saved');
    saved.hosts = saved.hosts.map((h) => (h.id === 'DC0_C1_H2' ? { ...h, health: 'ok' as const } : h));
    first.store.save(saved);
    const second = await openWorld(start, { store: first.store, dataDir: first.dataDir, clock: first.clock });
    expect(healthRecords(second).map((r) => r.details)).toEqual(['ok → degraded', 'degraded → ok']);
    await second.services.close();

    // A start with nothing changed records nothing new.
    const third = await openWorld(start, { store: first.store, dataDir: first.dataDir, clock: first.clock });
    expect(healthRecords(third)).toHaveLength(2);
  });

  it("reports a failed host's VMs as down, never as migrated", async () => {
    const world = await openWorld(start, { preset: 'demo' });
    world.sim.faults.add({ operation: 'host.fail', target: 'DC0_C0_H0', delayMs: 5000 });
    await world.clock.advanceUntil(() => world.services.automation.recommendations().advice.length > 0, 60_000, 1000);
    const [advice] = world.services.automation.recommendations().advice;
    expect(advice).toMatchObject({ kind: 'failed-host', hostName: 'DC0_C0_H0' });
    expect(advice?.vmNames).toContain('DC0_C0_H0_VM0');
    expect(world.services.engine.tasks()).toEqual([]);
    const record = dbOf(world.services).prepare("SELECT outcome, details FROM audit WHERE action = 'host.health-changed'").get() as {
      outcome: string;
      details: string;
    };
    expect(record.outcome).toBe('failed');
    expect(record.details).toContain('DC0_C0_H0_VM0');
  });
});

describe('maintenance when a host drops out of one discovery', () => {
  const start = useServices();

  it('a host entering maintenance stays entering while it cannot be read, its guests unknown, not done', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    m.maintenance.enter('DC0_C0_H1', 'alice');
    await world.clock.advanceUntil(() => m.engine.tasks().length === 0, 3600_000, 1000);
    expect(m.inventory.host('DC0_C0_H1')?.maintenance).toBe('entering');
    const full = await m.fleet.driver('sim')!.discover();
    // One discovery cannot read the host: it is kept, shown disconnected, its guests' power unknown.
    m.inventory.applyDiscovery('sim', {
      ...full,
      hosts: full.hosts.filter((h) => h.id !== 'DC0_C0_H1'),
      vms: full.vms.filter((v) => v.hostId !== 'DC0_C0_H1'),
      unreachableHostIds: ['DC0_C0_H1'],
    });
    expect(m.inventory.host('DC0_C0_H1')).toMatchObject({ connection: 'disconnected', maintenance: 'entering' });
    m.inventory.applyDiscovery('sim', full);
    expect(m.inventory.host('DC0_C0_H1')?.maintenance).toBe('entering');
    expect(actions(world).map((a) => a.action)).not.toContain('maintenance.entered');
  });
});
