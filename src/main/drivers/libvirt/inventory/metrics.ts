// Host load from libvirt's node counters: CPU use is the share of non-idle time between two
// samples (the first sample uses the counters since boot), memory use is total minus free,
// buffers and cache. Guest CPU use comes from domain CPU time the same way.

import { nodeGetCpuStats, nodeGetMemoryStats, type LibvirtClient } from '../rpc';

export interface CpuSample {
  /** All counters summed, ns. */
  total: bigint;
  idle: bigint;
}

export function cpuSampleOf(stats: Readonly<Record<string, bigint>>): CpuSample {
  let total = 0n;
  for (const value of Object.values(stats)) total += value;
  // "utilization" is a percentage some platforms report instead of times: never part of the sum.
  if (stats['utilization'] !== undefined) total -= stats['utilization'];
  return { total, idle: (stats['idle'] ?? 0n) + (stats['iowait'] ?? 0n) };
}

/** Busy share between two samples (or since boot without a previous one), 0..1. */
export function cpuUsageBetween(previous: CpuSample | undefined, current: CpuSample): number {
  const total = current.total - (previous?.total ?? 0n);
  const idle = current.idle - (previous?.idle ?? 0n);
  if (total <= 0n) return 0;
  const usage = 1 - Number(idle) / Number(total);
  return Math.min(1, Math.max(0, usage));
}

/** Memory in use, bytes: what the kernel cannot give back at once. */
export function memoryUsedOf(stats: Readonly<Record<string, bigint>>): number {
  const kib = (name: string): number => Number(stats[name] ?? 0n);
  return Math.max(0, kib('total') - kib('free') - kib('buffers') - kib('cached')) * 1024;
}

export async function sampleHost(client: LibvirtClient): Promise<{ cpu: CpuSample; memoryUsedBytes: number }> {
  const [cpu, memory] = await Promise.all([nodeGetCpuStats(client), nodeGetMemoryStats(client)]);
  return { cpu: cpuSampleOf(cpu), memoryUsedBytes: memoryUsedOf(memory) };
}

/** Guest CPU use: CPU time spent over wall time × vCPUs between two observations. */
export function guestCpuUsage(
  previous: { cpuTimeNs: bigint; at: number } | undefined,
  cpuTimeNs: bigint,
  at: number,
  vcpus: number,
): number {
  if (!previous || at <= previous.at || cpuTimeNs < previous.cpuTimeNs) return 0;
  const usage = Number(cpuTimeNs - previous.cpuTimeNs) / ((at - previous.at) * 1e6 * Math.max(1, vcpus));
  return Math.min(1, Math.max(0, usage));
}
