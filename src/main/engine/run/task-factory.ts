import { randomUUID } from 'node:crypto';
import type { Vm } from '../../../shared/model/inventory';
import type { GuestShutDown, Prediction, Task } from '../../../shared/model/migration';
import type { MigrationRequest } from '../../../shared/model/schedule';
import { movedAs } from '../../../shared/model/moved-as';
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
  /**
   * Where the plan the admin confirmed (an evacuation's, a failback's) placed this move, from its
   * request: its prediction takes the plan's start and length, which count the moves sharing its
   * links, so its queued row and its ETA say what the plan said (new-user review 14, 2 and 3).
   */
  planned?: PlannedSlot | null;
}

export interface PlannedSlot {
  startsInMs: number;
  durationMs: number;
}

/**
 * The VM's own prediction, as the plan placed it among the others: the plan's start and length. Its own
 * length, when longer, is the VM alone on a model the plan's replay corrects: a move with its disk read
 * its own 1 min 39 s where the plan said 1 min 13 s, and took 64 s (new-user review 15, 4). A move
 * predicted not to converge stays so.
 */
const asPlanned = (prediction: Prediction | null, planned: PlannedSlot | null | undefined): Prediction | null =>
  prediction && planned
    ? {
        ...prediction,
        durationMs: prediction.durationMs === null ? null : planned.durationMs,
        startsInMs: planned.startsInMs,
      }
    : prediction;

/** A queued task for one VM of a request; the destination of a storage-only move is the VM's own host. */
export function newTask(asked: MigrationRequest, vm: Vm, prediction: Prediction | null, origin: TaskOrigin, nowIso: string): Task {
  const request = movedAs(vm.disks, asked);
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
    prediction: asPlanned(prediction, origin.planned),
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
