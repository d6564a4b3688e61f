import { it } from 'vitest';
import { planEvacuation } from '../src/main/operations/evacuation-planner';
import { presetView } from '../test/engine/fake-view';
import { bestOf, record, size, smoke } from './harness';

// 25 hosts of 20 VMs each in one cluster of 50 evacuate onto the other 25; at 4×, the same in four clusters.
for (const clusters of [1, 4]) {
  it(`plans the evacuation of ${clusters * 500} VMs`, async () => {
    const { view } = await presetView(smoke ? 'demo' : 'large');
    const clusterIds = [...new Set(view.allHosts().map((h) => h.clusterId))].slice(0, clusters);
    const hosts = clusterIds.flatMap((cluster) =>
      view
        .allHosts()
        .filter((h) => h.clusterId === cluster)
        .slice(0, size(25, 1))
        .map((h) => h.id),
    );
    let plans = planEvacuation(view, hosts);
    const ms = await bestOf(size(5, 1), () => {
      plans = planEvacuation(view, hosts);
    });
    const moves = plans.reduce((s, p) => s + p.moves.length, 0);
    const makespan = Math.max(...plans.map((p) => p.makespanMs));
    const bound = Math.max(...plans.map((p) => p.lowerBoundMs));
    record({
      name: `operations: plan the evacuation of ${moves} VMs from ${hosts.length} hosts`,
      value: ms,
      unit: 'ms',
      goal: smoke ? null : 200,
      better: 'lower',
    });
    record({
      name: `operations: that plan's makespan against its lower bound${clusters > 1 ? ` (${hosts.length} hosts)` : ''}`,
      value: makespan / Math.max(1, bound),
      unit: '×',
      goal: null,
      better: 'lower',
      note: `${Math.round(makespan / 1000)} s vs ${Math.round(bound / 1000)} s`,
    });
  });
}
