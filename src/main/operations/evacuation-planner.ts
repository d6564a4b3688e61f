import type { Host, Vm } from '../../shared/model/inventory';
import { defaultConvergencePolicy } from '../../shared/model/migration';
import type { BlockedVm, EvacuationPlan, PlannedMove } from '../../shared/model/operations';
import { caps } from '../engine/planning/costs';
import { predict } from '../engine/planning/prediction';
import { precheckHost, subjectOf } from '../engine/planning/prechecks';
import type { EngineView } from '../engine/planning/view';

const tenGigabit = 10e9 / 8;
const GiB = 1024 ** 3;
const linkCap = (h: Host): number => (h.migrationBandwidthBps >= tenGigabit ? caps.networkFast : caps.networkSlow);

interface Job {
  vm: Vm;
  dest: Host;
  bytes: number;
  sent: number;
  start: number;
}

/** Options a blocked VM leaves the admin. */
function optionsFor(vm: Vm, codes: string[]): string[] {
  const options: string[] = [];
  if (codes.includes('DEVICE_NOT_MIGRATABLE'))
    options.push('Detach the passthrough device, then migrate', 'Power the VM off for the maintenance');
  if (codes.includes('CPU_FEATURES_MISSING') || codes.includes('CPU_VENDOR_MISMATCH'))
    options.push('Restart the VM with the cluster CPU baseline so it can move', 'Power it off for the maintenance');
  if (codes.includes('INSUFFICIENT_MEMORY')) options.push('Free memory in the cluster, or power off less important VMs');
  if (codes.includes('PORT_GROUP_MISSING')) options.push('Add the missing port group to another host');
  if (codes.includes('STORAGE_NOT_REACHABLE')) options.push('Move its disks to shared storage first');
  options.push('Leave maintenance pending and handle the VM by hand');
  return [...new Set(options)];
}

/**
 * Plans the evacuation of hosts: each running VM gets the best compatible destination in its
 * cluster (accounting for the VMs already placed), mission-critical VMs first and, within a
 * class, the longest moves first; then an event simulation of the cost caps and the shared
 * links orders and overlaps the moves, giving each one's start and end and the makespan, next
 * to a simple lower bound (the bytes each evacuated link must carry at full speed).
 */
export function planEvacuation(view: EngineView, hostIds: readonly string[]): EvacuationPlan[] {
  const leaving = new Set(hostIds);
  const hosts = view.allHosts();
  const placedMemory = new Map<string, number>();
  const placedVcpus = new Map<string, number>();
  const blocked: BlockedVm[] = [];
  const jobs: Job[] = [];

  const evacuees = view.allVms().filter((vm) => leaving.has(vm.hostId) && vm.power === 'running');
  const candidates = (vm: Vm): Host[] => {
    const source = view.host(vm.hostId);
    return hosts.filter((h) => h.clusterId === source?.clusterId && !leaving.has(h.id));
  };
  const estimate = (vm: Vm, dest: Host): number => {
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
    return p.transferBytes;
  };
  const order = [...evacuees].sort(
    (a, b) => Number(b.missionCritical) - Number(a.missionCritical) || b.memoryBytes - a.memoryBytes || a.name.localeCompare(b.name),
  );
  for (const vm of order) {
    const subject = subjectOf(view, vm, 'compute', null, false);
    let best: { host: Host; score: number } | null = null;
    let firstReasons: ReturnType<typeof precheckHost> = [];
    for (const host of candidates(vm)) {
      const inbound = {
        memoryBytes: placedMemory.get(host.id) ?? 0,
        vcpus: placedVcpus.get(host.id) ?? 0,
        diskBytesByDatastore: new Map<string, number>(),
      };
      const checks = precheckHost(view, subject, host, inbound, true).filter((c) => c.severity === 'error');
      if (checks.length > 0) {
        if (firstReasons.length === 0) firstReasons = checks;
        continue;
      }
      const free = (host.memoryBytes - host.memoryUsedBytes - inbound.memoryBytes) / host.memoryBytes;
      const score = free + host.migrationBandwidthBps / (100 * GiB);
      if (!best || score > best.score) best = { host, score };
    }
    if (!best) {
      const reasons =
        firstReasons.length > 0
          ? firstReasons
          : precheckHost(view, subject, view.host(vm.hostId) as Host, undefined).filter((c) => c.severity === 'error');
      blocked.push({
        vmId: vm.id,
        vmName: vm.name,
        reasons,
        options: optionsFor(
          vm,
          reasons.map((r) => r.code),
        ),
      });
      continue;
    }
    placedMemory.set(best.host.id, (placedMemory.get(best.host.id) ?? 0) + vm.memoryBytes);
    placedVcpus.set(best.host.id, (placedVcpus.get(best.host.id) ?? 0) + vm.vcpus);
    jobs.push({ vm, dest: best.host, bytes: estimate(vm, best.host), sent: 0, start: -1 });
  }

  const schedule = simulate(view, jobs);
  return hostIds.map((hostId) => {
    const source = view.host(hostId);
    const mine = schedule.filter((m) => view.vm(m.vmId)?.hostId === hostId);
    const bytes = jobs.filter((j) => j.vm.hostId === hostId).reduce((s, j) => s + j.bytes, 0);
    const slowest = Math.max(
      0,
      ...jobs
        .filter((j) => j.vm.hostId === hostId)
        .map((j) => (j.bytes / Math.min(source?.migrationBandwidthBps ?? 1, j.dest.migrationBandwidthBps)) * 1000),
    );
    return {
      hostId,
      moves: mine,
      blocked: blocked.filter((b) => view.vm(b.vmId)?.hostId === hostId),
      makespanMs: Math.max(0, ...mine.map((m) => m.endMs)),
      lowerBoundMs: Math.max(slowest, source ? (bytes / source.migrationBandwidthBps) * 1000 : 0),
    };
  });
}

/**
 * Event simulation of the moves under the cost caps: a move starts, in plan order, as soon as
 * its hosts and links have room; running moves share each link evenly; time jumps from one
 * completion to the next.
 */
function simulate(view: EngineView, jobs: Job[]): PlannedMove[] {
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
        startMs: j.start,
        endMs: now,
      });
    }
    admit();
  }
  // In the order they start (ties in plan order: mission-critical first), the order to request them in.
  const rank = new Map(jobs.map((j, i) => [j.vm.id, i]));
  return done.sort((a, b) => a.startMs - b.startMs || (rank.get(a.vmId) ?? 0) - (rank.get(b.vmId) ?? 0));
}
