import { describe, expect, it } from 'vitest';
import { caps, migrationCosts } from '../../src/main/engine/planning/costs';
import { newTask } from '../../src/main/engine/run/task-factory';
import { planEvacuation } from '../../src/main/operations/evacuation-planner';
import { evacuationRequest } from '../../src/main/operations/maintenance-request';
import type { Vm } from '../../src/shared/model/inventory';
import { presetView } from '../engine/fake-view';
import { pendingMove } from './pending-move';

describe('evacuation planner', () => {
  it('plans every movable VM within its cluster, mission-critical first, and lists the rest with reasons and options', async () => {
    const { view } = await presetView('demo');
    const [plan] = planEvacuation(view, ['DC0_C0_H1']);
    if (!plan) throw new Error('no plan');
    const running = view.allVms().filter((v) => v.hostId === 'DC0_C0_H1' && v.power === 'running');
    expect(plan.moves.length + plan.blocked.length).toBe(running.length);
    expect(plan.blocked.map((b) => b.vmName)).toEqual(['DC0_C0_H1_VM5']);
    expect(plan.blocked[0]?.reasons.map((r) => r.code)).toContain('DEVICE_NOT_MIGRATABLE');
    expect(plan.blocked[0]?.options.length).toBeGreaterThan(1);
    for (const move of plan.moves) expect(view.host(move.destHostId)?.clusterId).toBe('DC0_C0');
    // The mission-critical VM starts first.
    expect(plan.moves[0]).toMatchObject({ vmName: 'DC0_C0_H1_VM3', missionCritical: true, startMs: 0 });
    // Floating point: the makespan may meet its lower bound exactly.
    expect(plan.makespanMs).toBeGreaterThanOrEqual(plan.lowerBoundMs - 1);
    expect(plan.lowerBoundMs).toBeGreaterThan(0);
  });

  // Issue #14: a paused or unknown-state VM was in no part of the plan: it stayed on the host, and maintenance could not finish.
  it('lists paused and unknown-state VMs as cannot move, with their reason and what the admin can do', async () => {
    const { view, vms, vm } = await presetView('demo');
    vms.set('DC0_C0_H1_VM0', { ...vm('DC0_C0_H1_VM0'), power: 'paused' });
    vms.set('DC0_C0_H1_VM1', { ...vm('DC0_C0_H1_VM1'), power: 'unknown' });
    for (const options of [undefined, { withLocalDisks: true, poweredOff: true }]) {
      const [plan] = planEvacuation(view, ['DC0_C0_H1'], options);
      expect(plan?.moves.map((m) => m.vmId)).not.toEqual(expect.arrayContaining(['DC0_C0_H1_VM0']));
      expect(plan?.moves.map((m) => m.vmId)).not.toEqual(expect.arrayContaining(['DC0_C0_H1_VM1']));
      expect(plan?.blocked.find((b) => b.vmId === 'DC0_C0_H1_VM0')).toMatchObject({
        vmName: 'DC0_C0_H1_VM0',
        reasons: [{ code: 'VM_NOT_RUNNING', severity: 'error', message: expect.stringMatching(/^it is paused/) }],
        options: expect.arrayContaining([expect.stringMatching(/^Resume it/)]),
        actions: ['retry'],
      });
      expect(plan?.blocked.find((b) => b.vmId === 'DC0_C0_H1_VM1')).toMatchObject({
        reasons: [{ code: 'VM_NOT_RUNNING', severity: 'error', message: expect.stringMatching(/power state is unknown/) }],
        options: expect.arrayContaining([expect.stringMatching(/^Check DC0_C0_H1/)]),
        actions: ['retry'],
      });
    }
  });

  it('counts the moves already queued or running to a destination before it places a VM there', async () => {
    const { view } = await presetView('demo');
    const firstDest = (pending: Parameters<typeof planEvacuation>[3]) =>
      planEvacuation(view, ['DC0_C0_H1'], undefined, pending)[0]?.moves.find((m) => m.vmName === 'DC0_C0_H1_VM3')?.destHostId;
    // Idle, H2 (512 GiB, 78 used) has the most room for the 64 GiB mission-critical VM.
    expect(firstDest([])).toBe('DC0_C0_H2');
    // 80 GiB already on its way from H3 to H2 leaves H3 the roomier host.
    const toH2 = ['DC0_C0_H3_VM5', 'DC0_C0_H3_VM0', 'DC0_C0_H3_VM2'].map((id, i) =>
      pendingMove(id, 'DC0_C0_H3', 'DC0_C0_H2', i === 0 ? 'running' : 'queued'),
    );
    expect(firstDest(toH2)).toBe('DC0_C0_H3');
    // A move past its switchover already counts where it landed: it adds nothing more.
    expect(firstDest(toH2.map((t) => ({ ...t, state: 'running' as const, phase: 'commit' as const })))).toBe('DC0_C0_H2');
  });

  it('times the plan beside the moves already copying over its links (new-user review 12, 5)', async () => {
    const { view } = await presetView('demo');
    const alone = planEvacuation(view, ['DC0_C0_H1'])[0];
    // H1's link (10 Gb/s, the others' 25) bounds its evacuation; two moves started into it before share it.
    const busy = ['DC0_C0_H0_VM0', 'DC0_C0_H0_VM1'].map((id) => pendingMove(id, 'DC0_C0_H0', 'DC0_C0_H1', 'running'));
    const beside = planEvacuation(view, ['DC0_C0_H1'], undefined, busy)[0];
    expect(beside?.moves.map((m) => m.vmId).sort()).toEqual(alone?.moves.map((m) => m.vmId).sort());
    // Only the plan's own moves are listed, and they take longer.
    expect(beside?.moves.some((m) => busy.some((b) => b.vmId === m.vmId))).toBe(false);
    expect(beside!.makespanMs).toBeGreaterThan(alone!.makespanMs * 1.05);
  });

  it('never overlaps more moves on a host or link than the caps allow', async () => {
    const { view } = await presetView('large');
    const hosts = view
      .allHosts()
      .filter((h) => h.clusterId === 'DC0_C0')
      .slice(0, 10)
      .map((h) => h.id);
    const plans = planEvacuation(view, hosts);
    const moves = plans.flatMap((p) => p.moves.map((m) => ({ ...m, source: p.hostId })));
    expect(moves.length).toBe(200);
    const events = moves
      .flatMap((m) => [
        { t: m.startMs, d: 1, m },
        { t: m.endMs, d: -1, m },
      ])
      .sort((a, b) => a.t - b.t || a.d - b.d);
    const concurrent = new Map<string, number>();
    for (const e of events) {
      for (const host of [e.m.source, e.m.destHostId]) {
        const n = (concurrent.get(host) ?? 0) + e.d;
        concurrent.set(host, n);
        expect(n).toBeLessThanOrEqual(caps.host);
      }
    }
    for (const plan of plans) expect(plan.makespanMs).toBeGreaterThanOrEqual(plan.lowerBoundMs - 1);
  });

  it('overlaps no more moves than the engine admits: what the requested moves cost stays within every cap', async () => {
    // 25 hosts of 20 VMs: 200 moves would fit the hosts and links at once, but they share the
    // cluster's datastore (128), and a mission-critical move takes half of each link it uses.
    const { view } = await presetView('large');
    const hosts = view
      .allHosts()
      .filter((h) => h.clusterId === 'DC0_C0')
      .slice(0, 25)
      .map((h) => h.id);
    const moves = planEvacuation(view, hosts).flatMap((p) => p.moves);
    expect(moves.length).toBe(500);
    const costs = new Map(
      moves.map((m) => [m, migrationCosts(newTask(evacuationRequest(m), view.vm(m.vmId) as Vm, null, { requestedBy: 'test' }, ''), view)]),
    );
    const events = moves
      .flatMap((m) => [
        { t: m.startMs, d: 1, m },
        { t: m.endMs, d: -1, m },
      ])
      .sort((a, b) => a.t - b.t || a.d - b.d);
    const used = new Map<string, number>();
    let over = 0;
    for (const e of events)
      for (const c of costs.get(e.m) ?? []) {
        const n = (used.get(c.resource) ?? 0) + e.d * c.amount;
        used.set(c.resource, n);
        if (n > c.cap) over++;
      }
    expect(over).toBe(0);
  });
});
