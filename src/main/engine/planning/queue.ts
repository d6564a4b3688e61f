import type { Task, WaitReason } from '../../../shared/model/migration';
import { admissionOrder } from '../../../shared/model/admission-order';
import { waitReasonFor, type Cost } from './costs';

export interface Admission {
  start: Task[];
  waiting: Map<string, WaitReason>;
}

export { admissionOrder, priorityRank } from '../../../shared/model/admission-order';

/**
 * Decides which queued migrations start now, by priority, then in the order they were requested
 * (`queued` is in that order; a batch is requested within one millisecond). Over a cap a migration
 * waits (never rejected) and says which cap; it reserves what it needs of that resource, so a later
 * or lower-priority one may start there only where it leaves that room (backfilling). It holds
 * nothing where it is not waiting: a later migration may use room there it cannot use yet, as the
 * evacuation plan (move-schedule.ts) expects. Low-priority ones yield to any waiting high-priority one.
 */
export function admit(queued: readonly Task[], running: readonly Task[], costsOf: (task: Task) => Cost[]): Admission {
  const used = new Map<string, number>();
  for (const task of running) for (const c of costsOf(task)) used.set(c.resource, (used.get(c.resource) ?? 0) + c.amount);
  const reserved = new Map<string, number>();
  const claimedBy = new Map<string, Task>();
  const waiting = new Map<string, WaitReason>();
  const start: Task[] = [];
  let highWaiting: Task | null = null;
  const ordered = [...queued].sort(admissionOrder);

  for (const task of ordered) {
    const costs = costsOf(task);
    if (task.priority === 'low' && highWaiting) {
      waiting.set(task.id, {
        kind: 'priority',
        resourceId: highWaiting.id,
        resourceName: `high-priority migration of ${highWaiting.vmName}`,
        used: 0,
        cap: 0,
        cost: 0,
      });
      continue;
    }
    const over = costs.filter((c) => (used.get(c.resource) ?? 0) + c.amount > c.cap);
    if (over[0]) {
      waiting.set(task.id, waitReasonFor(over[0], used.get(over[0].resource) ?? 0));
      for (const c of over) {
        reserved.set(c.resource, (reserved.get(c.resource) ?? 0) + c.amount);
        if (!claimedBy.has(c.resource)) claimedBy.set(c.resource, task);
      }
      if (task.priority === 'high') highWaiting ??= task;
      continue;
    }
    const claimed = costs.find((c) => (used.get(c.resource) ?? 0) + (reserved.get(c.resource) ?? 0) + c.amount > c.cap);
    if (claimed) {
      const holder = claimedBy.get(claimed.resource) as Task;
      waiting.set(task.id, {
        kind: 'priority',
        resourceId: claimed.resource,
        resourceName: `${claimed.name}, held for the earlier migration of ${holder.vmName}`,
        used: used.get(claimed.resource) ?? 0,
        cap: claimed.cap,
        cost: claimed.amount,
      });
      continue;
    }
    for (const c of costs) used.set(c.resource, (used.get(c.resource) ?? 0) + c.amount);
    start.push(task);
  }
  return { start, waiting };
}
