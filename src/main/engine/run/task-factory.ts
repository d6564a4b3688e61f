import { randomUUID } from 'node:crypto';
import type { Vm } from '../../../shared/model/inventory';
import type { GuestShutDown, Prediction, Task } from '../../../shared/model/migration';
import type { MigrationRequest } from '../../../shared/model/schedule';
import { emptyProgress } from './progress';

export interface TaskOrigin {
  requestedBy: string;
  scheduleId?: string | null;
  batchId?: string | null;
  /** The operation the move serves when that is not its batch (a failback: the maintenance it undoes). */
  operationId?: string | null;
  windowEndsAt?: string | null;
  /** Said in the request's audit record (e.g. the maintenance operation it belongs to), so a search finds it. */
  note?: string | null;
  /** Ferry shut the running guest down for this move ("power off and move cold"). */
  shutDownForMove?: GuestShutDown | null;
}

/** A queued task for one VM of a request; the destination of a storage-only move is the VM's own host. */
export function newTask(request: MigrationRequest, vm: Vm, prediction: Prediction | null, origin: TaskOrigin, nowIso: string): Task {
  return {
    id: randomUUID(),
    vmId: vm.id,
    vmName: vm.name,
    type: request.type,
    sourceHostId: vm.hostId,
    destHostId: request.type === 'storage' ? vm.hostId : (request.destHostId as string),
    sourceDatastoreIds: [...new Set(vm.disks.map((d) => d.datastoreId))],
    destDatastoreId: request.type === 'compute' ? null : request.destDatastoreId,
    priority: request.priority,
    options: request.options,
    state: 'queued',
    phase: 'queued',
    cancelRequested: false,
    waitingFor: null,
    progress: emptyProgress,
    prediction,
    outcome: null,
    error: null,
    problems: [],
    acknowledgedWarnings: request.acknowledgedWarnings,
    cold: vm.power === 'off',
    shutDownForMove: origin.shutDownForMove ?? null,
    switchedOver: false,
    sourceBootId: null,
    sourceAgentClock: null,
    verification: null,
    requestedBy: origin.requestedBy,
    scheduleId: origin.scheduleId ?? null,
    batchId: origin.batchId ?? null,
    operationId: origin.operationId ?? null,
    windowEndsAt: origin.windowEndsAt ?? null,
    createdAt: nowIso,
    startedAt: null,
    finishedAt: null,
  };
}
