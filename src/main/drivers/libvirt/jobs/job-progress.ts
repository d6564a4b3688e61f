// libvirt's job statistics mapped into the driver's JobProgress, field by field as the sim's
// progress.ts reports them: memory and disk totals, what moved, what remains, dirty rate, pass,
// bandwidth, expected and actual downtime, auto-converge throttle.

import type { DriverErrorCode, JobProgress, JobStatus } from '../../driver';
import type { JobStats } from '../rpc';

/** Where a running migration is, judged from its stats. */
export function stageOf(stats: JobStats | null, copiesDisks: boolean): Extract<JobStatus, 'setup' | 'storage' | 'memory'> {
  if (!stats || (stats.type !== 'BOUNDED' && stats.type !== 'UNBOUNDED')) return 'setup';
  const memoryStarted = (stats.memoryTotal ?? 0) > 0 || (stats.memoryProcessed ?? 0) > 0;
  // libvirt mirrors the disks (NBD) first; the memory copy starts once they are in sync.
  if (copiesDisks && !memoryStarted) return (stats.diskTotal ?? 0) > 0 ? 'storage' : 'setup';
  return memoryStarted ? 'memory' : 'setup';
}

export interface ProgressContext {
  status: JobStatus;
  /** Latest statistics of the job (live, or the completed job's). */
  stats: JobStats | null;
  /** Fallback when the stats carry no elapsed time. */
  elapsedMs: number;
  downtimeLimitMs: number;
  switchedOver: boolean;
  error: { code: DriverErrorCode; message: string } | null;
  /**
   * Highest counters seen so far: libvirt's can reset between phases, ours never run backwards; and
   * a completed job's statistics carry no disk total, so the one seen while it copied stays.
   */
  floor?: { memoryProcessedBytes: number; diskProcessedBytes: number; memoryTotalBytes: number; diskTotalBytes: number };
  /** The guest's silence through the switchover as this console saw it (downtime-observer.ts). */
  observedDowntimeMs?: number | null;
}

export function progressOf(ctx: ProgressContext): JobProgress {
  const s = ctx.stats;
  const copying = ctx.status === 'memory';
  const pageSize = s?.memoryPageSize ?? 4096;
  const memoryProcessed = Math.max(s?.memoryProcessed ?? 0, ctx.floor?.memoryProcessedBytes ?? 0);
  const diskProcessed = Math.max(s?.diskProcessed ?? 0, ctx.floor?.diskProcessedBytes ?? 0);
  const finished = ctx.status === 'completed';
  return {
    status: ctx.status,
    elapsedMs: s?.timeElapsedMs ?? ctx.elapsedMs,
    memoryTotalBytes: Math.max(s?.memoryTotal ?? 0, ctx.floor?.memoryTotalBytes ?? 0),
    memoryProcessedBytes: memoryProcessed,
    memoryRemainingBytes: finished ? 0 : (s?.memoryRemaining ?? 0),
    dirtyRateBps: copying ? (s?.memoryDirtyRate ?? 0) * pageSize : 0,
    iteration: ctx.status === 'setup' || ctx.status === 'storage' ? 0 : (s?.memoryIteration ?? 0),
    bandwidthBps: ctx.status === 'storage' ? (s?.diskBps ?? s?.memoryBps ?? 0) : (s?.memoryBps ?? 0),
    // While running, libvirt's `downtime` is QEMU's expected downtime; once completed, the real one.
    expectedDowntimeMs: copying ? (s?.downtimeMs ?? null) : null,
    diskTotalBytes: Math.max(s?.diskTotal ?? 0, ctx.floor?.diskTotalBytes ?? 0),
    diskProcessedBytes: diskProcessed,
    diskRemainingBytes: finished ? 0 : (s?.diskRemaining ?? 0),
    downtimeMs: finished ? (s?.downtimeMs ?? null) : null,
    observedDowntimeMs: finished ? (ctx.observedDowntimeMs ?? null) : null,
    downtimeLimitMs: ctx.downtimeLimitMs,
    throttlePercent: s?.autoConvergeThrottle ?? 0,
    switchedOver: ctx.switchedOver,
    error: ctx.error,
  };
}
