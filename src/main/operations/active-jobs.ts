// The moves Ferry already has in hand, as jobs of a schedule (move-schedule.ts): whatever is
// predicted next to them (a wizard's batch, an evacuation, a failback) waits for their places and
// shares their links, as the engine will make it.

import { movedAs } from '../../shared/model/moved-as';
import type { Host, Vm } from '../../shared/model/inventory';
import type { MigrationOptions, Priority, Task } from '../../shared/model/migration';
import type { MigrationTarget } from '../../shared/model/schedule';
import { migrationCosts } from '../engine/planning/costs';
import { admissionOrder, priorityRank } from '../engine/planning/queue';
import type { EngineView } from '../engine/planning/view';
import { bytesToMove, type Job } from './move-schedule';

/** What scheduling a move in hand needs to know of its task. */
export type ActiveMove = Pick<
  Task,
  | 'vmId'
  | 'sourceHostId'
  | 'destHostId'
  | 'type'
  | 'state'
  | 'phase'
  | 'destDatastoreId'
  | 'sourceDatastoreIds'
  | 'priority'
  | 'options'
  | 'progress'
  | 'createdAt'
>;

/** One VM of a request, as its move will run. */
export function requestJob(view: EngineView, vm: Vm, asked: MigrationTarget, priority: Priority, options: MigrationOptions): Job {
  // As the engine queues it: disks already on the chosen store stay, and a stay costs no disk copy's cap (new-user review 15, 3).
  const target = movedAs(vm.disks, asked);
  const dest = (view.host(target.destHostId ?? vm.hostId) ?? view.host(vm.hostId)) as Host;
  const destDatastoreId = target.type === 'compute' ? null : target.destDatastoreId;
  const task = {
    type: target.type,
    sourceHostId: vm.hostId,
    destHostId: dest.id,
    sourceDatastoreIds: [...new Set(vm.disks.map((d) => d.datastoreId))],
    destDatastoreId,
    priority,
  };
  return {
    vm,
    dest,
    kind: target.type === 'compute' ? (vm.power === 'running' ? 'live' : 'cold') : 'with-disk',
    destDatastoreId,
    bytes: bytesToMove(view, vm, dest, destDatastoreId !== null),
    start: 0,
    costs: migrationCosts(task, view),
    policy: options.convergence,
    bandwidthLimitBps: options.bandwidthLimitBps,
  };
}

/**
 * `own` jobs (at `priority`) among the moves in hand, in the order the engine starts them: running
 * moves hold their places, queued ones of a higher or equal priority start first, the others after.
 * A VM that is one of `own` is left to it.
 */
export function amongActive(
  view: EngineView,
  active: readonly ActiveMove[],
  own: Job[],
  priority: Priority = 'default',
  guestOf: (vmId: string) => Vm | undefined = (id) => view.vm(id),
): Job[] {
  const mine = new Set(own.map((j) => j.vm.id));
  const inHand = active.filter((t) => !mine.has(t.vmId) && (t.state === 'queued' || t.state === 'running'));
  const queued = inHand.filter((t) => t.state === 'queued').sort(admissionOrder);
  const jobOf = (task: ActiveMove): Job[] => {
    const guest = guestOf(task.vmId);
    if (!guest) return [];
    const vm = { ...guest, hostId: task.sourceHostId };
    const target = { vmIds: [vm.id], destHostId: task.destHostId, type: task.type, destDatastoreId: task.destDatastoreId };
    return [
      {
        ...requestJob(view, task.state === 'running' ? restOf(vm, task) : vm, target, task.priority, task.options),
        costs: migrationCosts(task, view),
      },
    ];
  };
  return [
    ...inHand.filter((t) => t.state === 'running').flatMap(jobOf),
    ...queued.filter((t) => priorityRank[t.priority] <= priorityRank[priority]).flatMap(jobOf),
    ...own,
    ...queued.filter((t) => priorityRank[t.priority] > priorityRank[priority]).flatMap(jobOf),
  ];
}

/** The guest as the rest of its running copy: only what the copy has not yet sent (nothing known yet: all of it). */
function restOf(vm: Vm, task: ActiveMove): Vm {
  const p = task.progress;
  if (p.memoryTotalBytes <= 0 && p.diskTotalBytes <= 0) return vm;
  const disks = vm.disks.reduce((sum, d) => sum + d.allocatedBytes, 0);
  const diskShare = disks > 0 ? Math.min(1, p.diskRemainingBytes / disks) : 0;
  return {
    ...vm,
    memoryBytes: p.memoryTotalBytes > 0 ? p.memoryRemainingBytes : vm.memoryBytes,
    disks: vm.disks.map((d) => ({ ...d, allocatedBytes: d.allocatedBytes * diskShare })),
  };
}
