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

/**
 * Event simulation of the moves under the cost caps: a move starts, in plan order, as soon as
 * its hosts and links have room; running moves share each link evenly; time jumps from one
 * completion to the next. Returns the moves in the order they start (ties in plan order), the
 * order to request them in.
 */
export function scheduleMoves(view: EngineView, jobs: Job[]): PlannedMove[] {
  const used = new Map<string, number>();
  const fits = (j: Job): boolean => {
    const s = view.host(j.vm.hostId) as Host;
    return (
      (used.get(`h:${s.id}`) ?? 0) < caps.host &&
      (used.get(`h:${j.dest.id}`) ?? 0) < caps.host &&
      (used.get(`n:${s.id}`) ?? 0) < linkCap(s) &&
      (used.get(`n:${j.dest.id}`) ?? 0) < linkCap(j.dest)
    );
  };
  const take = (j: Job, delta: number) => {
    for (const key of [`h:${j.vm.hostId}`, `h:${j.dest.id}`, `n:${j.vm.hostId}`, `n:${j.dest.id}`])
      used.set(key, (used.get(key) ?? 0) + delta);
  };
  const waiting = [...jobs];
  const running: Job[] = [];
  const done: PlannedMove[] = [];
  let now = 0;
  const admit = () => {
    for (let i = 0; i < waiting.length;) {
      const job = waiting[i] as Job;
      if (fits(job)) {
        take(job, 1);
        job.start = now;
        running.push(job);
        waiting.splice(i, 1);
      } else i += 1;
    }
  };
  admit();
  while (running.length > 0) {
    const users = new Map<string, number>();
    for (const j of running) for (const h of [j.vm.hostId, j.dest.id]) users.set(h, (users.get(h) ?? 0) + 1);
    const rate = (j: Job) =>
      Math.min(
        (view.host(j.vm.hostId)?.migrationBandwidthBps ?? 0) / (users.get(j.vm.hostId) ?? 1),
        j.dest.migrationBandwidthBps / (users.get(j.dest.id) ?? 1),
      );
    const next = Math.min(...running.map((j) => ((j.bytes - j.sent) / Math.max(1, rate(j))) * 1000));
    for (const j of running) j.sent += (rate(j) * next) / 1000;
    now += next;
    for (const j of running.filter((x) => x.bytes - x.sent <= 1)) {
      running.splice(running.indexOf(j), 1);
      take(j, -1);
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
    admit();
  }
  const rank = new Map(jobs.map((j, i) => [j.vm.id, i]));
  return done.sort((a, b) => a.startMs - b.startMs || (rank.get(a.vmId) ?? 0) - (rank.get(b.vmId) ?? 0));
}
