// A failback cannot move DC0_C0_H1_VM5 (a GPU) back live, and used to say only "shut it down from
// its guest" (new-user review 10, finding 2): it now powers it off, moves it back cold and powers
// it on at home when asked, journaled like the evacuation's power-off and apart from it.

import { describe, expect, it } from 'vitest';
import { dbOf, useServices } from '../helpers/services';
import { openWorld, type World } from '../engine/harness';

const H1 = 'DC0_C0_H1';
const VM5 = 'DC0_C0_H1_VM5';
const journal = (world: World) =>
  dbOf(world.services)
    .prepare('SELECT purpose, host_id, dest_host_id, state, power_on_after FROM maintenance_power_offs ORDER BY rowid')
    .all();
const auditOf = (world: World) =>
  dbOf(world.services).prepare('SELECT action, details FROM audit WHERE vm_name = ? ORDER BY id').all(VM5) as {
    action: string;
    details: string | null;
  }[];

/** H1's maintenance moved VM5 cold (powered on at DC0_C0_H3), then H1 left maintenance: the failback is offered. */
async function awayAfterMaintenance(world: World): Promise<string> {
  const m = world.services;
  const operationId = m.maintenance.enter(H1, 'alice').operationId ?? '';
  await world.clock.advanceUntil(() => m.engine.tasks().length === 0, 3600_000, 500);
  m.maintenance.moveBlocked(H1, VM5, 'power-off-and-move-cold', 'alice', { powerOnAfter: true });
  await world.clock.advanceUntil(() => m.inventory.host(H1)?.maintenance === 'on', 3600_000, 1000);
  await world.clock.advanceUntil(() => m.inventory.vm(VM5)?.power === 'running', 60_000, 1000);
  m.maintenance.exit(H1, 'alice');
  return operationId;
}

describe('failback: power off and move back cold', () => {
  const start = useServices();

  it('is offered for the VM only a live move refuses, moves it back home and powers it on there', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    const operationId = await awayAfterMaintenance(world);
    const away = m.inventory.vm(VM5)?.hostId;
    expect(away).not.toBe(H1);
    const offered = m.maintenance.failbackPlan(H1).blocked.find((b) => b.vmId === VM5);
    expect(offered).toMatchObject({ actions: ['power-off-and-move-cold'], coldHostNames: [H1], powerOff: null });

    const asked = m.maintenance.moveBackCold(H1, VM5, 'bob', { powerOnAfter: true });
    // The intent is journaled before the guest hears of it, and the plan shows it under way.
    expect(m.inventory.vm(VM5)).toMatchObject({ hostId: away, power: 'running' });
    expect(journal(world)).toContainEqual({
      purpose: 'failback',
      host_id: away,
      dest_host_id: H1,
      state: 'shutting-down',
      power_on_after: 1,
    });
    expect(asked.blocked.find((b) => b.vmId === VM5)?.powerOff).toMatchObject({ state: 'shutting-down', powerOnAfter: true });
    // H1's panel reads it as the failback's, and the evacuation's own record of VM5 stays done.
    expect(m.maintenance.progress(H1).failbackBlocked).toEqual([expect.objectContaining({ vmName: VM5, powerOff: 'shutting-down' })]);
    expect(journal(world)).toContainEqual(expect.objectContaining({ purpose: 'evacuation', state: 'done' }));
    // While it is powered off, the plan lists it as such: "Move them back" never moves it a second time (review of this stop).
    expect(m.maintenance.failbackPlan(H1).moves.map((x) => x.vmId)).not.toContain(VM5);
    // Nor does anything else power it off meanwhile: one power-off of a VM at a time, whatever asked for it.
    expect(() => m.maintenance.moveBackCold(H1, VM5, 'carol')).toThrow(/already being powered off/);
    // And the failback is not declined under it.
    expect(() => m.maintenance.dismissFailback(H1, 'carol')).toThrow(/let it finish/);

    await world.clock.advanceUntil(() => m.inventory.vm(VM5)?.hostId === H1 && m.inventory.vm(VM5)?.power === 'running', 600_000, 1000);
    expect(journal(world)).toContainEqual({ purpose: 'failback', host_id: away, dest_host_id: H1, state: 'done', power_on_after: 1 });
    expect(m.maintenance.failbackPlan(H1).blocked.map((b) => b.vmId)).not.toContain(VM5);
    // The audit trail names the maintenance, so one search finds the evacuation and the failback.
    const failbackRecords = auditOf(world).filter((r) => r.details?.includes(`failback of maintenance operation ${operationId}`));
    expect(failbackRecords.map((r) => r.action)).toEqual(
      expect.arrayContaining(['maintenance.power-off-requested', 'maintenance.guest-powered-off', 'maintenance.cold-move-finished']),
    );
    const backTask = m.engine.vmHistory(VM5).find((t) => t.destHostId === H1);
    expect(backTask).toMatchObject({
      state: 'completed',
      operationId,
      requestedBy: expect.stringMatching(/^failback of maintenance of DC0_C0_H1/),
      // It ran before Ferry shut it down, and runs again: its downtime is from the shutdown to the power-on (issue #14).
      shutDownForMove: { at: expect.any(String), powerOnAfter: true, poweredOnAt: expect.any(String) },
    });
  });

  it('leaves the VM off where it was when its home host re-entered maintenance meanwhile, and says so', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const m = world.services;
    await awayAfterMaintenance(world);
    const away = m.inventory.vm(VM5)?.hostId;
    // Only while the failback is offered, and only for a running VM.
    expect(() => m.maintenance.moveBackCold('DC0_C0_H2', VM5, 'bob')).toThrow(/no maintenance to fail back from/);
    m.maintenance.moveBackCold(H1, VM5, 'bob');
    expect(() => m.maintenance.moveBackCold(H1, VM5, 'bob')).toThrow(/already being powered off/);
    m.maintenance.enter(H1, 'carol');
    await world.clock.advanceUntil(() => m.inventory.vm(VM5)?.power === 'off', 600_000, 1000);
    await world.clock.advanceUntil(() => journal(world).some((r) => (r as { state: string }).state === 'failed'), 600_000, 1000);
    expect(m.inventory.vm(VM5)).toMatchObject({ hostId: away, power: 'off' });
    expect(auditOf(world).at(-1)).toMatchObject({
      action: 'maintenance.power-off-failed',
    });
    const failed = dbOf(m).prepare("SELECT error FROM maintenance_power_offs WHERE purpose = 'failback'").get() as { error: string };
    expect(JSON.parse(failed.error)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/DC0_C0_H1 is in maintenance again: DC0_C0_H1_VM5 stays powered off on DC0_C0_H3/),
    });
  });
});
