import type { BridgeClient } from '../test/e2e/bridge-client';
import { defaultConvergencePolicy } from '../src/shared/model/migration';

const MiB = 1024 ** 2;

/**
 * Starts up to `wanted` live migrations that keep copying while a benchmark measures: one VM from
 * each of `wanted` hosts to another host of its cluster whose prechecks pass (nothing hits a cap),
 * at a low bandwidth limit. `oneIntoEachHost`: no two moves share a destination (small presets).
 * Returns how many started.
 */
export async function startRunningMoves(client: BridgeClient, wanted: number, oneIntoEachHost: boolean): Promise<number> {
  const inventory = await client.invoke('inventory.snapshot', {});
  const hostsByCluster = new Map<string, string[]>();
  for (const h of inventory.hosts) hostsByCluster.set(h.clusterId, [...(hostsByCluster.get(h.clusterId) ?? []), h.id]);
  const moves: { vmId: string; dest: string }[] = [];
  const busy = new Set<string>();
  for (const hosts of hostsByCluster.values()) {
    for (let i = 0; i < hosts.length && moves.length < wanted; i++) {
      const vm = inventory.vms.find((v) => v.hostId === hosts[i] && v.power === 'running');
      if (!vm) continue;
      // The first host of the cluster, half way round, whose prechecks pass.
      for (let k = 0; k < hosts.length; k++) {
        const dest = hosts[(i + Math.floor(hosts.length / 2) + k) % hosts.length] as string;
        if (dest === hosts[i] || busy.has(dest)) continue;
        const [checks] = await client.invoke('migration.precheck', {
          vmIds: [vm.id],
          destHostId: dest,
          type: 'compute',
          destDatastoreId: null,
        });
        if (checks?.results.some((r) => r.severity === 'error')) continue;
        moves.push({ vmId: vm.id, dest });
        if (oneIntoEachHost) busy.add(dest);
        break;
      }
    }
  }
  const options = {
    bandwidthLimitBps: 20 * MiB,
    convergence: { ...defaultConvergencePolicy, completionTimeoutSecPerGiB: 3600, progressTimeoutSec: 3600 },
  };
  for (const m of moves)
    await client.invoke('migration.start', {
      vmIds: [m.vmId],
      destHostId: m.dest,
      type: 'compute',
      destDatastoreId: null,
      priority: 'default',
      options,
      acknowledgedWarnings: ['WILL_NOT_CONVERGE', 'INSUFFICIENT_CPU', 'HOST_DEGRADED'],
    });
  return moves.length;
}
