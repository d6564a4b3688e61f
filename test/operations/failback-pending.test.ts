// A failback plans onto a home host that other moves may already be filling: those queued or
// running there count first, as the engine's prechecks count them (new-user review 11, 2).

import { describe, expect, it } from 'vitest';
import { planFailback } from '../../src/main/operations/failback-planner';
import type { Task } from '../../src/shared/model/migration';
import { presetView } from '../engine/fake-view';
import { pendingMove } from './pending-move';

const H1 = 'DC0_C0_H1';
const VM3 = 'DC0_C0_H1_VM3';
const GiB = 1024 ** 3;

describe('a failback plan and the moves already on their way home', () => {
  it('refuses the VM the home host no longer has room for once the moves under way land', async () => {
    const world = await presetView('demo');
    // VM3 (64 GiB) moved away by the maintenance; its home keeps 70 GiB free.
    world.vms.set(VM3, { ...world.vm(VM3), hostId: 'DC0_C0_H2' });
    world.hosts.set(H1, { ...world.host(H1), memoryUsedBytes: world.host(H1).memoryBytes - 70 * GiB });
    const moved = [{ task: { vmId: VM3, sourceDatastoreIds: [] } as unknown as Task, missionCritical: true }];
    const plan = (pending: ReturnType<typeof pendingMove>[]) => planFailback(world.view, world.host(H1), 'op-1', moved, new Map(), pending);

    expect(plan([]).moves.map((m) => m.vmId)).toEqual([VM3]);
    // 16 GiB on its way to H1 from elsewhere leaves too little.
    const crowded = plan([pendingMove('DC0_C0_H2_VM0', 'DC0_C0_H2', H1, 'running')]);
    expect(crowded.moves).toEqual([]);
    expect(crowded.blocked[0]?.reasons.map((r) => r.code)).toContain('INSUFFICIENT_MEMORY');
    // VM3's own move back, already requested, is not counted twice.
    expect(plan([pendingMove(VM3, 'DC0_C0_H2', H1)]).moves.map((m) => m.vmId)).toEqual([VM3]);
  });

  it("times its moves beside the moves already copying over the home host's link (new-user review 12, 5)", async () => {
    const world = await presetView('demo');
    world.vms.set(VM3, { ...world.vm(VM3), hostId: 'DC0_C0_H2' });
    const moved = [{ task: { vmId: VM3, sourceDatastoreIds: [] } as unknown as Task, missionCritical: true }];
    const alone = planFailback(world.view, world.host(H1), 'op-1', moved).moves[0];
    // A 16 GiB guest copying from H3 to H1 shares H1's link with the move back.
    const beside = planFailback(world.view, world.host(H1), 'op-1', moved, new Map(), [
      pendingMove('DC0_C0_H3_VM0', 'DC0_C0_H3', H1, 'running'),
    ]).moves[0];
    expect(alone?.vmId).toBe(VM3);
    expect(beside?.vmId).toBe(VM3);
    expect(beside!.endMs).toBeGreaterThan(alone!.endMs * 1.05);
  });

  it('lists a moved VM that is paused or of unknown power now as cannot move back, never as a cold move', async () => {
    const world = await presetView('demo');
    const away = ['DC0_C0_H1_VM0', 'DC0_C0_H1_VM1', 'DC0_C0_H1_VM2'];
    const power = ['paused', 'unknown', 'running'] as const;
    away.forEach((id, i) => world.vms.set(id, { ...world.vm(id), hostId: 'DC0_C0_H2', power: power[i]! }));
    const moved = away.map((vmId) => ({ task: { vmId, sourceDatastoreIds: [] } as unknown as Task, missionCritical: false }));
    const plan = planFailback(world.view, world.host(H1), 'op-1', moved);
    expect(plan.moves.map((m) => m.vmId)).toEqual(['DC0_C0_H1_VM2']);
    const blocked = [...plan.blocked].sort((a, b) => a.vmId.localeCompare(b.vmId));
    expect(blocked.map((b) => [b.vmId, b.reasons.map((r) => r.code), b.actions])).toEqual([
      ['DC0_C0_H1_VM0', ['VM_NOT_RUNNING'], []],
      ['DC0_C0_H1_VM1', ['VM_NOT_RUNNING'], []],
    ]);
    expect(blocked[0]?.reasons[0]?.message).toMatch(/paused/);
    expect(blocked[0]?.options.join(' ')).toMatch(/Move them back/);
  });
});
