import type { Host, Vm } from '../../shared/model/inventory';
import { defaultConvergencePolicy } from '../../shared/model/migration';
import type { MoveKind, PlannedMove } from '../../shared/model/operations';
import { caps } from '../engine/planning/costs';
import { predict } from '../engine/planning/prediction';
import type { EngineView } from '../engine/planning/view';

const tenGigabit = 10e9 / 8;
const linkCap = (h: Host): number => (h.migrationBandwidthBps >= tenGigabit ? caps.networkFast : caps.networkSlow);

/** One move of a plan, in plan order, with what it must carry over the link. */
export interface Job {
  vm: Vm;
  dest: Host;
  kind: MoveKind;
  destDatastoreId: string | null;
  bytes: number;
  sent: number;
  start: number;
}

/** What a move carries over the link: its predicted memory transfer, plus its disks when they move; nothing for a cold re-register. */
export function bytesToMove(view: EngineView, vm: Vm, dest: Host, disksMove: boolean): number {
  const disks = disksMove ? vm.disks.reduce((s, d) => s + d.allocatedBytes, 0) : 0;
  if (vm.power !== 'running') return disks;
  const source = view.host(vm.hostId);
  const link = Math.min(source?.migrationBandwidthBps ?? tenGigabit, dest.migrationBandwidthBps);
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

/** What runs through one host: moves as a host (source or destination) and on its migration link. */
interface HostLoad {
  moves: number;
  link: number;
  cap: number;
  /** Moves waiting that touch this host, in plan order (started ones are skipped as met). */
  waiting: Job[];
}

/**
 * Event simulation of the moves under the cost caps: a move starts, in plan order, as soon as
 * its hosts and links have room; running moves share each link evenly; time jumps from one
 * completion to the next. Returns the moves in the order they start (ties in plan order), the
 * order to request them in.
 *
 * After the first pass only moves touching a host that a completion freed are looked at again:
 * any other waiting move found no room before and its hosts have only filled since, so the moves
 * started are the ones a full pass in plan order would start (test/operations/move-schedule.test.ts).
 */
export function scheduleMoves(view: EngineView, jobs: Job[]): PlannedMove[] {
  const loads = new Map<string, HostLoad>();
  const loadOf = (host: Host): HostLoad => {
    let load = loads.get(host.id);
    if (!load) loads.set(host.id, (load = { moves: 0, link: 0, cap: linkCap(host), waiting: [] }));
    return load;
  };
  const sourceOf = new Map<Job, Host>();
  const order = new Map<Job, number>();
  jobs.forEach((j, i) => {
    const source = view.host(j.vm.hostId) as Host;
    sourceOf.set(j, source);
    order.set(j, i);
    loadOf(source).waiting.push(j);
    if (j.dest.id !== source.id) loadOf(j.dest).waiting.push(j);
  });
  const ends = (j: Job): [HostLoad, HostLoad] => [loadOf(sourceOf.get(j) as Host), loadOf(j.dest)];
  const fits = (j: Job): boolean => {
    const [s, d] = ends(j);
    return s.moves < caps.host && d.moves < caps.host && s.link < s.cap && d.link < d.cap;
  };
  const take = (j: Job, delta: number) => {
    // Source and destination each count, twice when they are one host (as the caps always did).
    for (const load of ends(j)) {
      load.moves += delta;
      load.link += delta;
    }
  };
  const started = new Set<Job>();
  let running: Job[] = [];
  const done: PlannedMove[] = [];
  let now = 0;
  const admit = (candidates: Iterable<Job>) => {
    for (const job of candidates) {
      if (started.has(job) || !fits(job)) continue;
      take(job, 1);
      job.start = now;
      running.push(job);
      started.add(job);
    }
  };
  admit(jobs);
  while (running.length > 0) {
    // Running moves share each host's link evenly: a host's running moves are its load's count.
    const rates = running.map((j) => {
      const [s, d] = ends(j);
      return Math.min((sourceOf.get(j)?.migrationBandwidthBps ?? 0) / (s.moves || 1), j.dest.migrationBandwidthBps / (d.moves || 1));
    });
    let next = Infinity;
    running.forEach((j, i) => (next = Math.min(next, ((j.bytes - j.sent) / Math.max(1, rates[i] as number)) * 1000)));
    running.forEach((j, i) => (j.sent += ((rates[i] as number) * next) / 1000));
    now += next;
    const freed = new Set<HostLoad>();
    const finished = running.filter((x) => x.bytes - x.sent <= 1);
    if (finished.length > 0) running = running.filter((x) => !(x.bytes - x.sent <= 1));
    for (const j of finished) {
      take(j, -1);
      for (const load of ends(j)) freed.add(load);
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
    for (const load of freed) {
      load.waiting = load.waiting.filter((j) => !started.has(j));
      for (const j of load.waiting) candidates.add(j);
    }
    admit([...candidates].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
  }
  const rank = new Map(jobs.map((j, i) => [j.vm.id, i]));
  return done.sort((a, b) => a.startMs - b.startMs || (rank.get(a.vmId) ?? 0) - (rank.get(b.vmId) ?? 0));
}
