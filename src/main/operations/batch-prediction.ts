// A batch's predictions as its moves will run: each VM's own prediction (the engine's), stretched by
// what sharing its links with the batch's other moves and with those queued or running costs it,
// and placed after any cap it waits for. The evacuation plan's schedule (move-schedule.ts) replays them.

import type { Vm } from '../../shared/model/inventory';
import type { BatchSlot, MigrationOptions, Prediction, Priority, Task } from '../../shared/model/migration';
import type { MigrationRequest, MigrationTarget } from '../../shared/model/schedule';
import type { MigrationEngine } from '../engine/engine';
import { waitReasonFor } from '../engine/planning/costs';
import type { EngineView } from '../engine/planning/view';
import { amongActive, requestJob } from './active-jobs';
import { scheduleMoves, type Job } from './move-schedule';

export interface BatchPredictionRequest extends MigrationTarget {
  options: MigrationOptions;
  priority?: Priority | undefined;
  /** Every group of the batch in the order they are requested, this one among them; absent or empty: this group alone. */
  batch?: MigrationTarget[] | undefined;
}

export interface PredictedVm {
  vmId: string;
  prediction: Prediction;
  schedule: BatchSlot;
}

export class BatchPredictions {
  constructor(private readonly o: { engine: MigrationEngine; view: EngineView; active: () => readonly Task[] }) {}

  /** The wizard's: each guest's dirty rate measured again first. */
  async predict(request: BatchPredictionRequest): Promise<PredictedVm[]> {
    return this.scheduled(request, await this.o.engine.predictWithGuests(request));
  }

  /**
   * A batch about to be queued, each VM as its move will run (guests as last measured): the tasks
   * keep these, so their predictions and ETAs are the Ready page's, not each VM's alone.
   */
  async forQueueing(requests: readonly MigrationRequest[]): Promise<Map<string, Prediction>> {
    const [first] = requests;
    if (!first) return new Map();
    const batch = requests.map(({ vmIds, destHostId, type, destDatastoreId }) => ({ vmIds, destHostId, type, destDatastoreId }));
    // One schedule for the whole batch (one per group took 13 s for 500 VMs each sent elsewhere).
    const own = (await Promise.all(requests.map((r) => this.o.engine.predictWithGuests(r, false)))).flat();
    return new Map(
      this.scheduled({ ...first, batch }, own).map(({ vmId, prediction, schedule }) => [
        vmId,
        { ...prediction, startsInMs: schedule.startsInMs },
      ]),
    );
  }

  private scheduled(request: BatchPredictionRequest, own: { vm: Vm; prediction: Prediction }[]): PredictedVm[] {
    const guests = new Map(own.map(({ vm }) => [vm.id, vm]));
    const priority = request.priority ?? 'default';
    const groups = request.batch?.length ? request.batch : [request];
    // As the engine queues them (engine.requestBatch): mission-critical first across the batch, else in request order.
    const batchJobs = groups
      .flatMap((g) => g.vmIds.map((id) => ({ g, vm: guests.get(id) ?? this.o.engine.knownGuest(id) })))
      .sort((a, b) => Number(b.vm.missionCritical) - Number(a.vm.missionCritical))
      .map(({ g, vm }) => this.job(vm, g, priority, request.options));
    const jobs = amongActive(this.o.view, this.o.active(), batchJobs, priority, (id) => this.o.engine.knownGuest(id));
    const slots = new Map(scheduleMoves(this.o.view, jobs).map((m) => [m.vmId, m]));
    return own.map(({ vm, prediction }) => {
      const shared = batchJobs.find((j) => j.vm.id === vm.id) as Job;
      const slot = slots.get(vm.id);
      const group = groups.find((g) => g.vmIds.includes(vm.id)) ?? request;
      const alone = this.job(vm, group, priority, request.options);
      const [aloneMove] = scheduleMoves(this.o.view, [alone]);
      const startsInMs = slot?.startMs ?? 0;
      // What sharing adds to the copy (nothing when nothing shares its links: the prediction stays as it was).
      const extraMs = Math.max(0, (slot ? slot.endMs - slot.startMs : 0) - (aloneMove?.endMs ?? 0));
      // And what it adds to the guest's pause, to what it sends and to its passes (the last pass at a smaller share).
      const more = (k: 'lastCopyMs' | 'lastLimitMs' | 'carriedBytes' | 'passes') =>
        Math.max(0, (shared.copy?.[k] ?? 0) - (alone.copy?.[k] ?? 0));
      // A crowded last pass may need the policy to ramp the limit up: the bound rises with it.
      const boundMs = prediction.downtimeBoundMs === undefined ? undefined : prediction.downtimeBoundMs + more('lastLimitMs');
      const stretched: Prediction = {
        ...prediction,
        durationMs: prediction.durationMs === null ? null : prediction.durationMs + extraMs,
        // Never past its bound: the guest pauses only once the last pass fits the limit at its share then.
        downtimeMs:
          prediction.downtimeMs === null || prediction.strategy === 'post-copy'
            ? prediction.downtimeMs
            : Math.min(boundMs ?? Infinity, prediction.downtimeMs + more('lastCopyMs')),
        ...(boundMs === undefined ? {} : { downtimeBoundMs: boundMs }),
        transferBytes: prediction.transferBytes + more('carriedBytes'),
        iterations: prediction.iterations + more('passes'),
      };
      const waitsFor = startsInMs > 0 && shared.waitedFor ? waitReasonFor(shared.waitedFor, shared.waitedFor.cap) : null;
      const finishesInMs = stretched.durationMs === null ? null : startsInMs + stretched.durationMs;
      return { vmId: vm.id, prediction: stretched, schedule: { startsInMs, finishesInMs, waitsFor } };
    });
  }

  private job(vm: Vm, group: MigrationTarget, priority: Priority, options: MigrationOptions): Job {
    return requestJob(this.o.view, vm, group, priority, options);
  }
}
