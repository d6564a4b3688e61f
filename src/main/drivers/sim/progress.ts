import type { JobProgress } from '../driver';
import { projectedPending } from './precopy';
import type { SimJob, SimVm } from './state';

/** Reports a job with the same fields libvirt's job stats carry. */
export function progressOf(job: SimJob, vm: SimVm | undefined): JobProgress {
  const m = job.memory;
  const s = job.storage;
  const copying = job.phase === 'memory' && vm;
  const pending = copying ? projectedPending(job, vm) : 0;
  return {
    status: job.phase,
    elapsedMs: job.elapsedMs,
    memoryTotalBytes: m.totalBytes,
    memoryProcessedBytes: m.processedBytes,
    memoryRemainingBytes: m.passRemainingBytes + m.dirtiedBytes,
    dirtyRateBps: vm && job.phase !== 'postcopy' ? vm.dirtyRateBps * (1 - job.throttlePercent / 100) : 0,
    iteration: job.phase === 'setup' || job.phase === 'storage' ? 0 : m.iteration,
    bandwidthBps: job.bandwidthBps,
    expectedDowntimeMs: copying && job.bandwidthBps > 0 ? (pending / job.bandwidthBps) * 1000 : null,
    diskTotalBytes: s.totalBytes,
    diskProcessedBytes: s.copiedBytes,
    diskRemainingBytes: s.totalBytes - s.copiedBytes,
    downtimeMs: job.downtimeMs,
    // The simulated guest is silent for exactly its modelled downtime: that is what an observer would see.
    observedDowntimeMs: job.downtimeMs,
    downtimeLimitMs: job.downtimeLimitMs,
    throttlePercent: job.throttlePercent,
    switchedOver: job.switchedOver,
    error: job.error ? { code: job.error.code, message: job.error.message } : null,
  };
}
