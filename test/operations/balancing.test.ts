import { describe, expect, it } from 'vitest';
import { recommendBalancing, toleranceOf } from '../../src/main/operations/balancer';
import { predictMoveWith } from '../../src/main/operations/balancing/move-cost';
import { pendingMove } from './pending-move';
import { defaultClusterPolicy } from '../../src/main/engine/fleet/inventory-service';
import { useServices, dbOf } from '../helpers/services';
import { openWorld, request, untilFinished } from '../engine/harness';
import { presetView } from '../engine/fake-view';

const GiB = 1024 ** 3;

describe('balancing', () => {
  it('recommends moves off the busiest host that lower the cluster load spread, within the threshold', async () => {
    const { view, hosts, host } = await presetView('demo');
    hosts.set('DC0_C1_H0', { ...host('DC0_C1_H0'), cpuUsage: 0.92, memoryUsedBytes: 330 * GiB });
    hosts.set('DC0_C1_H1', { ...host('DC0_C1_H1'), cpuUsage: 0.1, memoryUsedBytes: 60 * GiB });
    const cluster = {
      id: 'DC0_C1',
      name: 'DC0_C1',
      datacenterId: 'DC0',
      cpuBaseline: [],
      policy: { ...defaultClusterPolicy, threshold: 5 },
    };
    const { recommendations, spread, tolerance } = recommendBalancing(view, cluster, {
      pending: [],
      predict: predictMoveWith({ view, active: () => [] }),
    });
    expect(spread).toBeGreaterThan(tolerance);
    expect(recommendations.length).toBeGreaterThan(0);
    for (const r of recommendations) {
      expect(r.fromHostId).toBe('DC0_C1_H0');
      expect(r.spreadAfter).toBeLessThan(r.spreadBefore);
      expect(r.reason).toMatch(/busiest/);
    }
    // A conservative threshold tolerates the same imbalance longer: fewer moves, or none.
    const conservative = recommendBalancing(
      view,
      { ...cluster, policy: { ...cluster.policy, threshold: 1 } },
      { pending: [], predict: predictMoveWith({ view, active: () => [] }) },
    );
    expect(conservative.recommendations.length).toBeLessThanOrEqual(recommendations.length);
    expect(toleranceOf(1)).toBeGreaterThan(toleranceOf(5));
  });

  it('never recommends a VM that cannot move or is already migrating', async () => {
    const { view, hosts, host } = await presetView('demo');
    hosts.set('DC0_C0_H1', { ...host('DC0_C0_H1'), cpuUsage: 0.95, memoryUsedBytes: 250 * GiB });
    const cluster = {
      id: 'DC0_C0',
      name: 'DC0_C0',
      datacenterId: 'DC0',
      cpuBaseline: [],
      policy: { ...defaultClusterPolicy, threshold: 5 },
    };
    const { recommendations } = recommendBalancing(view, cluster, {
      pending: [pendingMove('DC0_C0_H1_VM3', 'DC0_C0_H1', 'DC0_C0_H2')],
      predict: predictMoveWith({ view, active: () => [] }),
    });
    expect(recommendations.map((r) => r.vmId)).not.toContain('DC0_C0_H1_VM5');
    expect(recommendations.map((r) => r.vmId)).not.toContain('DC0_C0_H1_VM3');
  });

  describe('through the console services', () => {
    const start = useServices();

    async function crowded() {
      const world = await openWorld(start, { preset: 'demo' });
      // Crowd DC0_C1_H0: move the other AMD hosts' big VMs onto it.
      const tasks = world.services.engine.request(
        request({
          vmIds: ['DC0_C1_H1_VM1', 'DC0_C1_H1_VM4', 'DC0_C1_H2_VM2'],
          destHostId: 'DC0_C1_H0',
          acknowledgedWarnings: ['INSUFFICIENT_CPU'],
        }),
        { requestedBy: 'setup' },
      );
      for (const t of tasks) await untilFinished(world, t.id);
      return world;
    }

    it('applies a recommendation as a low-priority task on request', async () => {
      const world = await crowded();
      const m = world.services;
      m.inventory.setClusterPolicy('DC0_C1', { balancing: 'manual', threshold: 5, degradedHost: 'recommend' });
      const mine = m.automation.recommendations().balancing.filter((r) => r.clusterId === 'DC0_C1');
      expect(mine.length).toBeGreaterThan(0);
      const applied = m.automation.apply([mine[0]!.id], 'alice');
      expect(applied).toEqual([
        expect.objectContaining({ vmId: mine[0]!.vmId, destHostId: mine[0]!.toHostId, priority: 'low', requestedBy: 'alice' }),
      ]);
      expect((await untilFinished(world, applied[0]!.id)).state).toBe('completed');
      // Kept in the history, with the task's outcome, the person and the predicted cost.
      expect(m.automation.history(10)).toEqual([
        expect.objectContaining({ vmId: mine[0]!.vmId, actor: 'alice', taskId: applied[0]!.id, outcome: 'completed', problem: null }),
      ]);
      expect(m.automation.history(10)[0]!.predictedDurationMs).toBe(mine[0]!.predictedDurationMs);
      const spread = () => m.automation.recommendations().clusters.find((c) => c.clusterId === 'DC0_C1')!.spread;
      expect(spread()).toBeLessThan(mine[0]!.spreadBefore);
    });

    it('balances a fully automated cluster by itself, on behalf of its policy', async () => {
      const world = await crowded();
      const m = world.services;
      m.inventory.setClusterPolicy('DC0_C1', { balancing: 'full', threshold: 5, degradedHost: 'recommend' });
      await world.clock.advance(5 * 60_000);
      const automatic = dbOf(m).prepare("SELECT actor FROM audit WHERE action = 'balancing.applied'").all() as { actor: string }[];
      expect(automatic.length).toBeGreaterThan(0);
      expect(new Set(automatic.map((a) => a.actor))).toEqual(new Set(['balancer (policy of DC0_C1)']));
      // A manual cluster next to it was left alone.
      expect(m.engine.tasks().every((t) => t.sourceHostId.startsWith('DC0_C1'))).toBe(true);
    });

    it('balances a cluster at once when an admin makes it more automated, and says how often it will again', async () => {
      const world = await crowded();
      const m = world.services;
      const applied = () => dbOf(m).prepare("SELECT actor FROM audit WHERE action = 'balancing.applied'").all() as { actor: string }[];
      m.automation.setClusterPolicy('DC0_C1', { balancing: 'manual' }, 'alice');
      expect(applied()).toEqual([]);
      // No clock advanced: the moves come from the change itself.
      m.automation.setClusterPolicy('DC0_C1', { balancing: 'full' }, 'alice');
      expect(applied().length).toBeGreaterThan(0);
      expect(new Set(applied().map((a) => a.actor))).toEqual(new Set(['balancer (policy of DC0_C1)']));
      expect(m.automation.recommendations().balancingPeriodMs).toBe(5 * 60_000);
      // Less automated (or the threshold alone) moves nothing by itself.
      const before = applied().length;
      m.automation.setClusterPolicy('DC0_C0', { threshold: 5 }, 'alice');
      m.automation.setClusterPolicy('DC0_C1', { balancing: 'partial' }, 'alice');
      expect(applied()).toHaveLength(before);
    });

    it('leaves VMs an admin marked mission-critical to a human when the cluster is partially automated', async () => {
      const world = await crowded();
      const m = world.services;
      const [first] = m.automation.recommendations().balancing.filter((r) => r.clusterId === 'DC0_C1');
      // Every VM of the busy host is marked, so whichever the advice picks as the loads move, it is marked.
      const onBusyHost = m.inventory.vmsOnHost(first!.fromHostId);
      expect(onBusyHost.some((v) => v.missionCritical)).toBe(false);
      const mark = (missionCritical: boolean) => {
        for (const vm of onBusyHost) m.vmAttributes.set(vm.id, { missionCritical, tags: vm.tags }, 'alice');
      };
      mark(true);
      m.inventory.setClusterPolicy('DC0_C1', { balancing: 'partial', threshold: 5, degradedHost: 'recommend' });
      const balanced = () => dbOf(m).prepare("SELECT vm_id FROM audit WHERE action = 'balancing.applied'").all() as { vm_id: string }[];
      await world.clock.advance(5 * 60_000);
      expect(balanced()).toEqual([]);
      // Still recommended: a human may apply it.
      const advised = m.automation.recommendations().balancing.filter((r) => r.clusterId === 'DC0_C1');
      expect(advised.length).toBeGreaterThan(0);
      expect(advised.every((r) => m.inventory.vm(r.vmId)?.missionCritical)).toBe(true);
      // Unmarked, the next round moves them: the round before did run, and skipped them.
      mark(false);
      await world.clock.advance(5 * 60_000);
      const moved = balanced().map((b) => b.vm_id);
      expect(moved.length).toBeGreaterThan(0);
      expect(moved.every((id) => onBusyHost.some((v) => v.id === id))).toBe(true);
    });
  });
});
