import type { Host, HostMetricsUpdate } from '../../../shared/model/inventory';

/** One host's latest metrics as main sends them: id, CPU use, memory used, health, connection. */
export type HostMetrics = HostMetricsUpdate['hosts'][number];

/**
 * Hosts' CPU and memory use, which main sends every 2 s, kept beside the hosts rather than in
 * them: the hosts, and all that is computed from them, stay the same objects. A copy of every host
 * per update was what the console kept alive longest, and the full collections it caused were
 * frames the VM list dropped while scrolling.
 */
export type HostUsage = ReadonlyMap<string, HostMetrics>;

export const cpuUsageOf = (host: Host, usage: HostUsage): number => usage.get(host.id)?.[1] ?? host.cpuUsage;
export const memoryUsedOf = (host: Host, usage: HostUsage): number => usage.get(host.id)?.[2] ?? host.memoryUsedBytes;

/** The usage without the hosts given: the same Map when it holds none of them. */
export function usageWithout(usage: HostUsage, hostIds: readonly string[]): HostUsage {
  if (!hostIds.some((id) => usage.has(id))) return usage;
  const kept = new Map(usage);
  for (const id of hostIds) kept.delete(id);
  return kept;
}

/**
 * One metrics update applied: the usage renewed, the hosts the same Map unless one's health or
 * connection changed (main sends those as host changes; taken here too, should one come this way).
 */
export function withMetrics(
  hosts: Map<string, Host>,
  usage: HostUsage,
  update: HostMetricsUpdate,
): { hosts: Map<string, Host>; usage: HostUsage } {
  const next = new Map(usage);
  let changed: Map<string, Host> | null = null;
  for (const metrics of update.hosts) {
    const [id, , , health, connection] = metrics;
    const host = hosts.get(id);
    if (!host) continue;
    next.set(id, metrics);
    if (host.health === health && host.connection === connection) continue;
    changed ??= new Map(hosts);
    changed.set(id, { ...host, health, connection });
  }
  return { hosts: changed ?? hosts, usage: next };
}

/**
 * The hosts' use, summed over those that report it: a host Ferry is not connected to reports none,
 * and counted at 0 % it would pull the average down (review 6, 7).
 */
export function usageTotals(
  hosts: readonly Host[],
  usage: HostUsage,
): { reporting: number; unreported: number; memoryBytes: number; memoryUsedBytes: number; cpuAverage: number | null } {
  const reporting = hosts.filter((h) => h.connection === 'connected');
  return {
    reporting: reporting.length,
    unreported: hosts.length - reporting.length,
    memoryBytes: reporting.reduce((s, h) => s + h.memoryBytes, 0),
    memoryUsedBytes: reporting.reduce((s, h) => s + memoryUsedOf(h, usage), 0),
    cpuAverage: reporting.length ? reporting.reduce((s, h) => s + cpuUsageOf(h, usage), 0) / reporting.length : null,
  };
}
