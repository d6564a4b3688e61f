import type { Task, WaitReason } from '../../../shared/model/migration';
import type { EngineView } from './view';

/** One claim a migration makes on a shared resource while it runs. */
export interface Cost {
  resource: string;
  kind: 'host' | 'network' | 'datastore';
  name: string;
  cap: number;
  amount: number;
}

/** vCenter-style limits: a host takes 8, a migration link 4 (below 10 Gb/s) or 8, a datastore 128. */
export const caps = { host: 8, networkSlow: 4, networkFast: 8, datastore: 128 } as const;
const tenGigabit = 10e9 / 8;

/**
 * What a migration costs against each cap. A compute move costs 1 per host, a storage or
 * shared-nothing move 4; each migration link it uses 1 (a high-priority one reserves half the link
 * so it runs at full speed rather than crowded); a datastore 1 per compute move, 16 per disk move.
 */
export function migrationCosts(
  task: Pick<Task, 'type' | 'sourceHostId' | 'destHostId' | 'sourceDatastoreIds' | 'destDatastoreId' | 'priority'>,
  view: EngineView,
): Cost[] {
  const costs: Cost[] = [];
  const hostCost = task.type === 'compute' ? 1 : 4;
  for (const hostId of new Set([task.sourceHostId, task.destHostId])) {
    const host = view.host(hostId);
    costs.push({ resource: `host:${hostId}`, kind: 'host', name: host?.name ?? hostId, cap: caps.host, amount: hostCost });
    if (task.type === 'storage') continue;
    const cap = (host?.migrationBandwidthBps ?? 0) >= tenGigabit ? caps.networkFast : caps.networkSlow;
    costs.push({
      resource: `net:${hostId}`,
      kind: 'network',
      name: `${host?.name ?? hostId} migration link`,
      cap,
      amount: task.priority === 'high' ? cap / 2 : 1,
    });
  }
  const disksMove = task.type !== 'compute';
  const stores = new Set(task.sourceDatastoreIds);
  if (disksMove && task.destDatastoreId) stores.add(task.destDatastoreId);
  for (const id of stores) {
    costs.push({
      resource: `ds:${id}`,
      kind: 'datastore',
      name: view.datastore(id)?.name ?? id,
      cap: caps.datastore,
      amount: disksMove ? 16 : 1,
    });
  }
  return costs;
}

export const waitReasonFor = (cost: Cost, used: number): WaitReason => ({
  kind: cost.kind,
  resourceId: cost.resource,
  resourceName: cost.name,
  used,
  cap: cost.cap,
  cost: cost.amount,
});
