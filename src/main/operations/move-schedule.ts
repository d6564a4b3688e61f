import type { Host, Vm } from '../../shared/model/inventory';
import { defaultConvergencePolicy, type ConvergencePolicy } from '../../shared/model/migration';
import type { MoveKind, PlannedMove } from '../../shared/model/operations';
import type { PrecheckResult } from '../../shared/model/precheck';
import { migrationCosts, type Cost } from '../engine/planning/costs';
import { predict } from '../engine/planning/prediction';
import type { EngineView } from '../engine/planning/view';
import { evacuationRequest } from './maintenance-request';
import { MoveCopy } from './move-copy';

const tenGigabit = 10e9 / 8;

/** One move of a plan, in plan order, with what it must carry over the link. */
export interface Job {
  vm: Vm;
  dest: Host;
  kind: MoveKind;
  destDatastoreId: string | null;
  /** With the whole link to itself, for bounds (`scheduleMoves` replays its copy at the shares it gets). */
  bytes: number;
  start: number;
  /** What the plan warns of for this move (`PlannedMove.warnings`). */
  warnings?: PrecheckResult[];
  /** What the engine charges it, when not an evacuation's move (a wizard's batch, a task already queued). */
  costs?: Cost[];
  policy?: ConvergencePolicy;
  bandwidthLimitBps?: number | null;
  /** Set by `scheduleMoves`: the cap it first waited for, and its copy as it went at the shares it had. */
  waitedFor?: Cost;
  copy?: MoveCopy;
}

/**
 * What a move carries over the link: its predicted memory transfer, plus its disks when they move;
 * nothing for a cold re-register. At `bandwidthBps`, its share of the link (default: the whole
 * link): the smaller the share, the more the guest dirties during each pass.
 */
export function bytesToMove(view: EngineView, vm: Vm, dest: Host, disksMove: boolean, bandwidthBps?: number): number {
  const disks = disksMove ? diskBytesOf(vm) : 0;
  if (vm.power !== 'running') return disks;
  const source = view.host(vm.hostId);
  const link = bandwidthBps ?? Math.min(source?.migrationBandwidthBps ?? tenGigabit, dest.migrationBandwidthBps);
  const p = predict({
    type: 'compute',
    memoryBytes: vm.memoryBytes,
    dirtyRateBps: vm.dirtyRateBps,
    workingSetBytes: vm.workingSetBytes,
    bandwidthBps: link,
    diskBytes: 0,
    diskWriteRateBps: 0,
    storageBps: 0,
    policy: defaultConvergencePolicy,
    postCopyAvailable: true,
  });
  return p.transferBytes + disks;
}

const diskBytesOf = (vm: Vm): number => vm.disks.reduce((s, d) => s + d.allocatedBytes, 0);

/** What the engine will charge a job against its caps: the costs of the task its request becomes. */
function costsOf(view: EngineView, job: Job): Cost[] {
  if (job.costs) return job.costs;
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
 * hypervisors do, and each copies pass by pass at the share it has while the pass runs (`MoveCopy`);
 * time jumps from the end of one step to the next. Returns the moves in the order they
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
  const hostIndex = new Map<string, number>();
  const hostOf = (id: string): number => {
    let h = hostIndex.get(id);
    if (h === undefined) hostIndex.set(id, (h = hostIndex.size));
    return h;
  };
  const ends = jobs.map((j): [number, number] => [hostOf(j.vm.hostId), hostOf(j.dest.id)]);
  const links = jobs.map((j): [number, number] => [view.host(j.vm.hostId)?.migrationBandwidthBps ?? 0, j.dest.migrationBandwidthBps]);
  const limits = jobs.map((j) => j.bandwidthLimitBps ?? Infinity);
  const moves = new Int32Array(hostIndex.size);
  // Resources by number, and each job's costs as [resource, amount] pairs: the hot loop reads arrays, not string maps.
  const resourceIndex = new Map<string, number>();
  const caps: number[] = [];
  /** Jobs waiting that need each resource, by plan index in plan order (started ones are dropped as met). */
  const waitingFor: number[][] = [];
  const costLists = jobs.map((j) => costsOf(view, j));
  const needs = costLists.map((costs, i) =>
    costs.map((c): [number, number] => {
      let r = resourceIndex.get(c.resource);
      if (r === undefined) {
        r = caps.length;
        resourceIndex.set(c.resource, r);
        caps.push(c.cap);
        waitingFor.push([]);
      }
      waitingFor[r]?.push(i);
      return [r, c.amount];
    }),
  );
  const used = new Float64Array(caps.length);
  const copies: (MoveCopy | undefined)[] = new Array(jobs.length);
  /** Each running copy's share, since when it has it (its copy is brought up to date lazily), and when its step ends. */
  const rate = new Float64Array(jobs.length);
  const since = new Float64Array(jobs.length);
  const stepEnd = new Float64Array(jobs.length);
  const started = new Uint8Array(jobs.length);
  const fits = (i: number): boolean => (needs[i] ?? []).every(([r, amount]) => (used[r] ?? 0) + amount <= (caps[r] ?? 0));
  const take = (i: number, delta: number) => {
    for (const [r, amount] of needs[i] ?? []) used[r] = (used[r] ?? 0) + delta * amount;
    for (const h of ends[i] ?? []) moves[h] = (moves[h] ?? 0) + delta;
  };
  let running: number[] = [];
  const done: PlannedMove[] = [];
  let now = 0;
  const share = (i: number): number => {
    const [source, dest] = ends[i] as [number, number];
    const [sourceLink, destLink] = links[i] as [number, number];
    return Math.min(sourceLink / (moves[source] || 1), destLink / (moves[dest] || 1), limits[i] as number);
  };
  /** Brings a running copy up to now at the share it had, then times its step at the share it has now. */
  const retime = (i: number): void => {
    const copy = copies[i] as MoveCopy;
    copy.advance(rate[i] as number, now - (since[i] as number));
    since[i] = now;
    rate[i] = share(i);
    stepEnd[i] = now + copy.msToStepEnd(rate[i] as number);
  };
  /** Starts, in plan order, the candidates (plan indexes, ascending) whose costs fit. */
  const admit = (candidates: Iterable<number>) => {
    for (const i of candidates) {
      if (started[i]) continue;
      const job = jobs[i] as Job;
      if (!fits(i)) {
        job.waitedFor ??= (costLists[i] ?? []).find((c, k) => (used[needs[i]?.[k]?.[0] ?? -1] ?? 0) + c.amount > c.cap);
        continue;
      }
      take(i, 1);
      job.start = now;
      copies[i] = new MoveCopy(job.vm, job.destDatastoreId !== null ? diskBytesOf(job.vm) : 0, job.policy);
      rate[i] = 0;
      since[i] = now;
      running.push(i);
      started[i] = 1;
    }
  };
  admit(jobs.keys());
  running.forEach(retime);
  const candidate = new Uint8Array(jobs.length);
  while (running.length > 0) {
    // Time jumps to the next end of a step (a disk copy, a pass, a last copy). A pass ending starts
    // the next at the same shares; only a move finishing (and those it lets start) changes them.
    now = Infinity;
    for (const i of running) now = Math.min(now, stepEnd[i] as number);
    const finished: number[] = [];
    for (const i of running) {
      // Steps within a byte of their end end now too, so moves finishing together free their places together.
      if (((stepEnd[i] as number) - now) * Math.max(1, rate[i] as number) > 1000) continue;
      const copy = copies[i] as MoveCopy;
      copy.advance(rate[i] as number, now - (since[i] as number));
      since[i] = now;
      if (copy.endStep(rate[i] as number)) finished.push(i);
      else stepEnd[i] = now + copy.msToStepEnd(rate[i] as number);
    }
    if (finished.length === 0) continue;
    running = running.filter((i) => !(copies[i] as MoveCopy).done);
    const freed = new Set<number>();
    for (const i of finished) {
      take(i, -1);
      for (const [r] of needs[i] ?? []) freed.add(r);
      const j = jobs[i] as Job;
      j.copy = copies[i] as MoveCopy;
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
        ...(j.warnings?.length ? { warnings: j.warnings } : {}),
      });
    }
    // The waiting jobs that need a freed resource, in plan order: marked, then read in index order.
    let first = jobs.length;
    let last = -1;
    for (const r of freed) {
      const waiting = (waitingFor[r] ?? []).filter((i) => !started[i]);
      waitingFor[r] = waiting;
      for (const i of waiting) {
        candidate[i] = 1;
        first = Math.min(first, i);
        last = Math.max(last, i);
      }
    }
    const candidates: number[] = [];
    for (let i = first; i <= last; i++) {
      if (!candidate[i]) continue;
      candidate[i] = 0;
      candidates.push(i);
    }
    admit(candidates);
    // Running moves share each host's link evenly, as the hypervisors share it.
    running.forEach(retime);
  }
  const rank = new Map(jobs.map((j, i) => [j.vm.id, i]));
  return done.sort((a, b) => a.startMs - b.startMs || (rank.get(a.vmId) ?? 0) - (rank.get(b.vmId) ?? 0));
}
