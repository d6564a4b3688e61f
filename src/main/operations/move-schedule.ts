import type { Host, Vm } from '../../shared/model/inventory';
import { defaultConvergencePolicy } from '../../shared/model/migration';
import type { MoveKind, PlannedMove } from '../../shared/model/operations';
import { migrationCosts, type Cost } from '../engine/planning/costs';
import { predict } from '../engine/planning/prediction';
import type { EngineView } from '../engine/planning/view';
import { evacuationRequest } from './maintenance-request';

const tenGigabit = 10e9 / 8;

/** One move of a plan, in plan order, with what it must carry over the link. */
export interface Job {
  vm: Vm;
  dest: Host;
  kind: MoveKind;
  destDatastoreId: string | null;
  /** With the whole link to itself; `scheduleMoves` replaces it with what it carries at its share. */
  bytes: number;
  sent: number;
  start: number;
}

/**
 * What a move carries over the link: its predicted memory transfer, plus its disks when they move;
 * nothing for a cold re-register. At `bandwidthBps`, its share of the link (default: the whole
 * link): the smaller the share, the more the guest dirties during each pass.
 */
export function bytesToMove(view: EngineView, vm: Vm, dest: Host, disksMove: boolean, bandwidthBps?: number): number {
  const disks = disksMove ? vm.disks.reduce((s, d) => s + d.allocatedBytes, 0) : 0;
  if (vm.power !== 'running') return disks;
  const source = view.host(vm.hostId);
  const link = bandwidthBps ?? Math.min(source?.migrationBandwidthBps ?? tenGigabit, dest.migrationBandwidthBps);
  const p = predict({
    type: 'compute',
    memoryBytes: vm.memoryBytes,
    dirtyRateBps: vm.dirtyRateBps,
    bandwidthBps: link,
    diskBytes: 0,
    diskWriteRateBps: 0,
    storageBps: 0,
    policy: defaultConvergencePolicy,
    postCopyAvailable: true,
  });
  return p.transferBytes + disks;
}

/** What the engine will charge a job against its caps: the costs of the task its request becomes. */
function costsOf(view: EngineView, job: Job): Cost[] {
  const request = evacuationRequest({
    vmId: job.vm.id,
    destHostId: job.dest.id,
    missionCritical: job.vm.missionCritical,
    destDatastoreId: job.destDatastoreId,
  });
  const task = {
    type: request.type,
    sourceHostId: job.vm.hostId,
    destHostId: job.dest.id,
    sourceDatastoreIds: [...new Set(job.vm.disks.map((d) => d.datastoreId))],
    destDatastoreId: request.type === 'compute' ? null : request.destDatastoreId,
    priority: request.priority,
  };
  return migrationCosts(task, view);
}

/**
 * Event simulation of the moves under the engine's cost caps (hosts, migration links, datastores,
 * charged as `migrationCosts` charges the tasks maintenance requests): a move starts, in plan
 * order, as soon as all it costs fits; running moves share each host's link evenly, as the
 * hypervisors do; time jumps from one completion to the next. Returns the moves in the order they
 * start (ties in plan order), the order to request them in: the engine starts them in that order too.
 * The engine also holds a resource a waiting move is short of for it, which only matters where a later
 * move needs less of it (a mission-critical or shared-nothing one waiting): not modelled.
 *
 * After the first pass only moves sharing a resource that a completion freed are looked at again:
 * any other waiting move found no room before and its resources have only filled since, so the
 * moves started are the ones a full pass in plan order would start (test/operations/move-schedule.test.ts).
 */
export function scheduleMoves(view: EngineView, jobs: Job[]): PlannedMove[] {
  /** Moves running through each host (source or destination): how its link is shared. */
  const moves = new Map<string, number>();
  const used = new Map<string, number>();
  /** Moves waiting that need each resource, in plan order (started ones are skipped as met). */
  const waitingFor = new Map<string, Job[]>();
  const costs = new Map<Job, Cost[]>();
  const order = new Map<Job, number>();
  jobs.forEach((j, i) => {
    order.set(j, i);
    const jobCosts = costsOf(view, j);
    costs.set(j, jobCosts);
    for (const c of jobCosts) {
      const list = waitingFor.get(c.resource);
      if (list) list.push(j);
      else waitingFor.set(c.resource, [j]);
    }
  });
  const fits = (j: Job): boolean => (costs.get(j) as Cost[]).every((c) => (used.get(c.resource) ?? 0) + c.amount <= c.cap);
  const take = (j: Job, delta: number) => {
    for (const c of costs.get(j) as Cost[]) used.set(c.resource, (used.get(c.resource) ?? 0) + delta * c.amount);
    for (const hostId of [j.vm.hostId, j.dest.id]) moves.set(hostId, (moves.get(hostId) ?? 0) + delta);
  };
  const started = new Set<Job>();
  let running: Job[] = [];
  const done: PlannedMove[] = [];
  let now = 0;
  const share = (j: Job): number =>
    Math.min(
      (view.host(j.vm.hostId)?.migrationBandwidthBps ?? 0) / (moves.get(j.vm.hostId) || 1),
      j.dest.migrationBandwidthBps / (moves.get(j.dest.id) || 1),
    );
  const admit = (candidates: Iterable<Job>) => {
    const startedNow: Job[] = [];
    for (const job of candidates) {
      if (started.has(job) || !fits(job)) continue;
      take(job, 1);
      job.start = now;
      running.push(job);
      started.add(job);
      startedNow.push(job);
    }
    // Each copies at the share it starts with, beside those starting with it: what it must carry,
    // replacing the whole-link estimate.
    for (const job of startedNow) job.bytes = bytesToMove(view, job.vm, job.dest, job.destDatastoreId !== null, share(job));
  };
  admit(jobs);
  while (running.length > 0) {
    // Running moves share each host's link evenly, as the hypervisors share it.
    const rates = running.map(share);
    let next = Infinity;
    running.forEach((j, i) => (next = Math.min(next, ((j.bytes - j.sent) / Math.max(1, rates[i] as number)) * 1000)));
    running.forEach((j, i) => (j.sent += ((rates[i] as number) * next) / 1000));
    now += next;
    const freed = new Set<string>();
    const finished = running.filter((x) => x.bytes - x.sent <= 1);
    if (finished.length > 0) running = running.filter((x) => !(x.bytes - x.sent <= 1));
    for (const j of finished) {
      take(j, -1);
      for (const c of costs.get(j) as Cost[]) freed.add(c.resource);
      done.push({
        vmId: j.vm.id,
        vmName: j.vm.name,
        destHostId: j.dest.id,
        destHostName: j.dest.name,
        missionCritical: j.vm.missionCritical,
        kind: j.kind,
        destDatastoreId: j.destDatastoreId,
        destDatastoreName: j.destDatastoreId ? (view.datastore(j.destDatastoreId)?.name ?? j.destDatastoreId) : null,
        startMs: j.start,
        endMs: now,
      });
    }
    const candidates = new Set<Job>();
    for (const resource of freed) {
      const waiting = (waitingFor.get(resource) ?? []).filter((j) => !started.has(j));
      waitingFor.set(resource, waiting);
      for (const j of waiting) candidates.add(j);
    }
    admit([...candidates].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
  }
  const rank = new Map(jobs.map((j, i) => [j.vm.id, i]));
  return done.sort((a, b) => a.startMs - b.startMs || (rank.get(a.vmId) ?? 0) - (rank.get(b.vmId) ?? 0));
}
