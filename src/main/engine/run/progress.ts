import type { Phase, Progress, Task } from '../../../shared/model/migration';
import type { JobProgress } from '../../drivers/driver';
import { admissionOrder } from '../planning/queue';
import type { EtaEstimate, EtaSample, LinkPeer } from './eta';

export const emptyProgress: Progress = {
  fraction: 0,
  iteration: 0,
  memoryTotalBytes: 0,
  memoryProcessedBytes: 0,
  memoryRemainingBytes: 0,
  diskTotalBytes: 0,
  diskProcessedBytes: 0,
  diskRemainingBytes: 0,
  bandwidthBps: 0,
  dirtyRateBps: 0,
  etaMs: null,
  expectedDowntimeMs: null,
  downtimeMs: null,
  observedDowntimeMs: null,
  throttlePercent: 0,
  downtimeLimitMs: null,
  postCopy: false,
};

/** Where each phase starts on the progress bar; the copy phases fill the span to the next one. */
const phaseStart: Record<Phase, number> = {
  queued: 0,
  prepare: 0.01,
  precheck: 0.02,
  reserve: 0.03,
  storage: 0.05,
  memory: 0.05,
  switchover: 0.95,
  verify: 0.96,
  commit: 0.98,
  done: 1,
};

/** Share of the copy spent on disks, by bytes, when disks move. */
function copyFraction(job: JobProgress): number {
  const memoryDone = job.memoryProcessedBytes;
  const memoryLeft = job.status === 'setup' || job.status === 'storage' ? job.memoryTotalBytes : job.memoryRemainingBytes;
  const total = job.diskTotalBytes + memoryDone + memoryLeft;
  return total > 0 ? (job.diskProcessedBytes + memoryDone) / total : 0;
}

/**
 * Task progress from the driver's job stats and the migration's one ETA (eta.ts). The fraction
 * never runs backwards (a new pre-copy pass adds work).
 */
export function progressFrom(task: Task, job: JobProgress, etaMs: number | null): Progress {
  const start = task.phase === 'storage' || task.phase === 'memory' ? phaseStart.storage : phaseStart[task.phase];
  const span = task.phase === 'storage' || task.phase === 'memory' ? phaseStart.switchover - phaseStart.storage : 0;
  const fraction = Math.max(task.progress.fraction, Math.min(0.999, start + span * copyFraction(job)));
  return {
    fraction,
    iteration: job.iteration,
    memoryTotalBytes: job.memoryTotalBytes,
    memoryProcessedBytes: job.memoryProcessedBytes,
    memoryRemainingBytes: job.memoryRemainingBytes,
    diskTotalBytes: job.diskTotalBytes,
    diskProcessedBytes: job.diskProcessedBytes,
    diskRemainingBytes: job.diskRemainingBytes,
    bandwidthBps: job.bandwidthBps,
    dirtyRateBps: job.dirtyRateBps,
    etaMs,
    expectedDowntimeMs: job.expectedDowntimeMs,
    downtimeMs: job.downtimeMs,
    observedDowntimeMs: job.observedDowntimeMs,
    throttlePercent: job.throttlePercent,
    downtimeLimitMs: job.downtimeLimitMs,
    postCopy: job.status === 'postcopy',
  };
}

/** Moves the bar to where a phase begins, never backwards. */
export const atPhase = (progress: Progress, phase: Phase): Progress => ({
  ...progress,
  fraction: Math.max(progress.fraction, phaseStart[phase]),
});

/** The ETA carried over from an earlier phase (or before a restart), counted down from now. */
export const etaSeed = (task: Task, nowMs: number): EtaEstimate | null =>
  task.progress.etaMs === null ? null : { etaMs: task.progress.etaMs, atMs: nowMs, rateBps: task.progress.bandwidthBps };

/** One poll of the job as the ETA reads it; before setup ends nothing is copied yet, whatever the job says. */
export function etaSample(task: Task, job: JobProgress, nowMs: number, linkPeers: readonly LinkPeer[] = []): EtaSample {
  const started = Date.parse(task.startedAt ?? task.createdAt);
  return {
    atMs: nowMs,
    elapsedMs: Number.isFinite(started) ? Math.max(0, nowMs - started) : 0,
    memoryTotalBytes: job.memoryTotalBytes,
    memoryProcessedBytes: job.memoryProcessedBytes,
    memoryRemainingBytes: job.status === 'setup' || job.status === 'storage' ? job.memoryTotalBytes : job.memoryRemainingBytes,
    diskProcessedBytes: job.diskProcessedBytes,
    diskRemainingBytes: job.diskRemainingBytes,
    bandwidthBps: job.bandwidthBps,
    dirtyRateBps: job.dirtyRateBps,
    postCopy: job.status === 'postcopy',
    linkPeers,
  };
}

/**
 * The copies running beside `task` over a link it uses (its source's or its destination's), and the
 * queued moves that will share it, in the order they start, with the bytes their prediction sends.
 */
export function linkPeersOf(task: Task, active: readonly Task[]): LinkPeer[] {
  const hosts = new Set([task.sourceHostId, task.destHostId]);
  const onLink = active.filter((t) => t.id !== task.id && (hosts.has(t.sourceHostId) || hosts.has(t.destHostId)));
  const running = onLink
    .filter((t) => t.state === 'running' && !t.switchedOver)
    .map((t) => ({ leftBytes: t.progress.memoryRemainingBytes + t.progress.diskRemainingBytes, rateBps: t.progress.bandwidthBps }));
  const queued = onLink
    .filter((t) => t.state === 'queued' && t.prediction !== null)
    .sort(admissionOrder)
    .map((t) => ({ leftBytes: t.prediction?.transferBytes ?? 0, rateBps: 0, waiting: true }));
  return [...running, ...queued];
}
