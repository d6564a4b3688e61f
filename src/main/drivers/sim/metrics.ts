import type { HostMetrics } from '../driver';
import type { SimWorld } from './sim-world';
import type { LoadCurve, Reservation, SimHost, SimVm } from './state';

const GiB = 1024 ** 3;
const hypervisorMemory = 4 * GiB;

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** A smooth deterministic curve plus a small wobble, so charts move without a random seed per call. */
function loadAt(curve: LoadCurve, nowMs: number): number {
  const t = (nowMs / curve.periodMs) * Math.PI * 2 + curve.phase;
  return clamp01(curve.base + curve.amplitude * Math.sin(t) + 0.03 * Math.sin(t * 7.3));
}

export function vmCpuUsage(vm: SimVm, nowMs: number): number {
  return vm.power === 'running' && !vm.crashed ? loadAt(vm.load, nowMs) : 0;
}

/**
 * Host CPU and memory use follow the guests placed on each host, their load curves and the
 * migrations it runs. One pass over the guests into one slot per host (no map update per guest: 40,000
 * guests every 2 s were most of the console's CPU at rest); `only` limits it to some hosts (the guests
 * of the others are skipped, not modelled).
 */
export function allHostMetrics(
  hosts: readonly SimHost[],
  vms: readonly SimVm[],
  reservations: readonly Reservation[],
  migrationsPerHost: ReadonlyMap<string, number>,
  nowMs: number,
  only?: ReadonlySet<string>,
): HostMetrics[] {
  const wanted = only ? hosts.filter((h) => only.has(h.id)) : hosts;
  const slots = new Map(wanted.map((h, i) => [h.id, i]));
  const cpu = new Float64Array(wanted.length);
  const memory = new Float64Array(wanted.length);
  for (const vm of vms) {
    const slot = vm.power === 'off' ? undefined : slots.get(vm.hostId);
    if (slot !== undefined) {
      cpu[slot] = (cpu[slot] ?? 0) + vmCpuUsage(vm, nowMs) * vm.vcpus;
      memory[slot] = (memory[slot] ?? 0) + vm.memoryBytes;
    }
    for (const { hostId } of vm.pausedOn) {
      const paused = slots.get(hostId);
      if (paused !== undefined) memory[paused] = (memory[paused] ?? 0) + vm.memoryBytes;
    }
  }
  for (const r of reservations) {
    const slot = slots.get(r.hostId);
    if (slot !== undefined) memory[slot] = (memory[slot] ?? 0) + r.memoryBytes;
  }
  return wanted.map((host, slot) => {
    const down = host.health === 'failed';
    const cores = loadAt(host.overheadLoad, nowMs) * host.cpu.cores + (migrationsPerHost.get(host.id) ?? 0) + (cpu[slot] ?? 0);
    return {
      hostId: host.id,
      cpuUsage: down ? 0 : clamp01(cores / host.cpu.cores),
      memoryUsedBytes: down ? 0 : Math.min(host.memoryBytes, hypervisorMemory + (memory[slot] ?? 0)),
      health: host.health,
      connection: host.connection,
    };
  });
}

/** Every host's metrics now (or those of `only`), counting the migrations each takes part in. */
export function worldMetrics(world: SimWorld, now: number, only?: ReadonlySet<string>): HostMetrics[] {
  const migrations = new Map<string, number>();
  for (const job of world.activeJobs()) {
    for (const hostId of [job.spec.sourceHostId, job.spec.destHostId]) migrations.set(hostId, (migrations.get(hostId) ?? 0) + 1);
  }
  const { hosts, vms, reservations } = world.state;
  return allHostMetrics(hosts, vms, reservations, migrations, now, only);
}
