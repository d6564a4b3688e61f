import type { Phase, Progress, Task } from '../../../shared/model/migration';
import type { JobProgress } from '../../drivers/driver';

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
 * Task progress from the driver's job stats. The fraction never runs backwards (a new pre-copy
 * pass adds work); the ETA is given only while the copy converges.
 */
export function progressFrom(task: Task, job: JobProgress, converging: boolean): Progress {
  const start = task.phase === 'storage' || task.phase === 'memory' ? phaseStart.storage : phaseStart[task.phase];
  const span = task.phase === 'storage' || task.phase === 'memory' ? phaseStart.switchover - phaseStart.storage : 0;
  const fraction = Math.max(task.progress.fraction, Math.min(0.999, start + span * copyFraction(job)));
  const left =
    job.diskRemainingBytes +
    (job.switchedOver ? job.memoryRemainingBytes : job.memoryRemainingBytes || job.memoryTotalBytes - job.memoryProcessedBytes);
  const etaMs = converging && job.bandwidthBps > 0 ? (left / job.bandwidthBps) * 1000 : null;
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
    postCopy: job.status === 'postcopy',
  };
}

/** Moves the bar to where a phase begins, never backwards. */
export const atPhase = (progress: Progress, phase: Phase): Progress => ({
  ...progress,
  fraction: Math.max(progress.fraction, phaseStart[phase]),
});
