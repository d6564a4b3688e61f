import { defaultConvergencePolicy } from '../../src/shared/model/migration';
import type { InventorySnapshot, Vm } from '../../src/shared/model/inventory';
import { snapshotVms } from '../../src/shared/model/snapshot-vms';
import type { FaultRuleInput } from '../../src/shared/model/faults';
import type { MigrationRequest, ScheduleInput } from '../../src/shared/model/schedule';

const DAY_MS = 24 * 3600_000;

/** One element of a list that is not empty. */
export function pick<T>(list: readonly T[], rand: () => number): T {
  const value = list[Math.floor(rand() * list.length)];
  if (value === undefined) throw new Error('nothing to pick from');
  return value;
}

/** VMs that can move live between hosts of their cluster (running, shared storage only, no passthrough), and where. */
export class Movables {
  private readonly queue: { vm: Vm; hosts: string[] }[];
  private next = 0;

  constructor(snapshot: InventorySnapshot, rand: () => number) {
    const shared = new Set(snapshot.datastores.filter((d) => d.kind === 'shared').map((d) => d.id));
    const clusterOf = new Map(snapshot.hosts.map((h) => [h.id, h.clusterId]));
    const hostsOf = new Map<string, string[]>();
    for (const h of snapshot.hosts) hostsOf.set(h.clusterId, [...(hostsOf.get(h.clusterId) ?? []), h.id]);
    const candidates = snapshotVms(snapshot)
      .filter((v) => v.power === 'running' && v.devices.length === 0 && v.disks.every((d) => shared.has(d.datastoreId)))
      .map((vm) => ({ vm, hosts: hostsOf.get(clusterOf.get(vm.hostId) ?? '') ?? [] }))
      .filter((c) => c.hosts.length > 1);
    // Shuffled, so the schedules spread over clusters, hosts and links.
    for (let i = candidates.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [candidates[i], candidates[j]] = [candidates[j] as (typeof candidates)[number], candidates[i] as (typeof candidates)[number]];
    }
    if (candidates.length === 0) throw new Error('the preset has no VM that can move');
    this.queue = candidates;
  }

  /** The next VM (cycling when the preset runs out), its host and another host of its cluster. */
  take(rand: () => number): { vmId: string; from: string; to: string } {
    const { vm, hosts } = this.queue[this.next++ % this.queue.length] as (typeof this.queue)[number];
    return {
      vmId: vm.id,
      from: vm.hostId,
      to: pick(
        hosts.filter((h) => h !== vm.hostId),
        rand,
      ),
    };
  }
}

export const moveRequest = (vmIds: string[], destHostId: string, priority: MigrationRequest['priority'] = 'default'): MigrationRequest => ({
  vmIds,
  destHostId,
  type: 'compute',
  destDatastoreId: null,
  priority,
  options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
  acknowledgedWarnings: [],
});

/**
 * The soak's schedules: a daily peak (pairs of VMs out at 02:00 and back at 14:00, `peak` VMs in
 * all), recurring pairs out and back at random times (some every 6 hours), and one-off moves
 * spread over the run; some with windows, grace periods of 0 to 60 minutes.
 */
export function soakSchedules(o: {
  count: number;
  peak: number;
  startMs: number;
  days: number;
  movables: Movables;
  rand: () => number;
}): ScheduleInput[] {
  const { rand, movables } = o;
  const out: ScheduleInput[] = [];
  const grace = (): number => pick([0, 15, 15, 60], rand);
  const window = (): number | null => (rand() < 0.4 ? 30 + Math.floor(rand() * 150) : null);
  const pair = (name: string, v: { vmId: string; from: string; to: string }, outCron: string, backCron: string, w: number | null): void => {
    const ids = [v.vmId];
    const g = grace();
    out.push({
      name: `${name} out`,
      timing: { kind: 'recurring', cron: outCron, timezone: 'UTC' },
      windowMinutes: w,
      graceMinutes: g,
      request: moveRequest(ids, v.to),
    });
    out.push({
      name: `${name} back`,
      timing: { kind: 'recurring', cron: backCron, timezone: 'UTC' },
      windowMinutes: w,
      graceMinutes: g,
      request: moveRequest(ids, v.from),
    });
  };
  // The peak: one VM per pair, `peak` pairs, all out at 02:00 (and back at 14:00).
  for (let i = 0; out.length + 1 < o.count && i < o.peak; i++) {
    const a = o.movables.take(rand);
    pair(`peak ${i}`, a, '0 2 * * *', '0 14 * * *', 120);
  }
  while (out.length < o.count) {
    const n = out.length;
    if (rand() < 0.35) {
      const v = movables.take(rand);
      const at = new Date(o.startMs + 600_000 + Math.floor(rand() * (o.days * DAY_MS - 600_000))).toISOString();
      out.push({
        name: `once ${n}`,
        timing: { kind: 'once', at, timezone: 'UTC' },
        windowMinutes: window(),
        graceMinutes: grace(),
        request: moveRequest([v.vmId], v.to, 'low'),
      });
    } else if (o.count - n >= 2) {
      const m = Math.floor(rand() * 60);
      const h = Math.floor(rand() * 12);
      const sixHourly = rand() < 0.2;
      pair(
        `recurring ${n}`,
        movables.take(rand),
        sixHourly ? `${m} ${h % 6}-23/6 * * *` : `${m} ${h} * * *`,
        sixHourly ? `${m} ${(h % 6) + 3}-23/6 * * *` : `${m} ${h + 12} * * *`,
        window(),
      );
    } else {
      const v = movables.take(rand);
      out.push({
        name: `once ${n}`,
        timing: { kind: 'once', at: new Date(o.startMs + DAY_MS / 2).toISOString(), timezone: 'UTC' },
        windowMinutes: null,
        graceMinutes: 15,
        request: moveRequest([v.vmId], v.to),
      });
    }
  }
  return out;
}

/** Steps a fault can strike, each once per rule: the soak adds them at a steady rate. */
const faultOperations: FaultRuleInput['operation'][] = [
  'migration.start',
  'destination.reserve',
  'memory.copy',
  'switchover',
  'link.cut',
  'commit',
  'rollback',
  'probe',
  'cpu.compare',
  'guest.crash',
  'host.unreachable',
];

export function nextFault(rand: () => number, n: number): FaultRuleInput {
  const operation = pick(faultOperations, rand);
  // Every fifth only slows a step down: long operations are where timers and windows meet.
  if (n % 5 === 4) return { operation: 'memory.copy', target: '*', count: 3, fail: false, delayMs: 120_000, message: `soak delay ${n}` };
  return { operation, target: '*', count: operation === 'host.unreachable' ? 3 : 1, message: `soak fault ${n}` };
}
