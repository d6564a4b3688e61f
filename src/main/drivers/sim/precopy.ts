import type { SimJob } from './state';

/** What the guest does to memory while it is copied. */
export interface GuestMemory {
  dirtyRateBps: number;
  workingSetBytes: number;
}

export interface StepRates {
  /** This job's share of the migration link. */
  linkBps: number;
  /** What the disk copy may use (datastore throughput share), before mirrored writes. */
  storageBps: number;
}

export type StepEvent = 'storage-done' | 'pass-done' | 'switched-over' | 'completed';

/** Saving the device state and restarting vCPUs: paid by every switchover on top of the last pass. */
export const deviceStateMs = 15;
/** Post-copy pauses only for the device state and the dirty bitmap. */
export const postCopySwitchMs = 40;
export const setupMs = 500;
/** QEMU's auto-converge defaults: cpu-throttle-initial and cpu-throttle-increment, capped at 99. */
const throttleInitial = 20;
const throttleIncrement = 10;

const seconds = (ms: number): number => ms / 1000;

/** Bytes dirtied since the pass began: the dirty rate, bounded by the writable working set. */
function dirtiedSince(guest: GuestMemory, throttlePercent: number, elapsedMs: number): number {
  const rate = guest.dirtyRateBps * (1 - throttlePercent / 100);
  return Math.min(guest.workingSetBytes, rate * seconds(elapsedMs));
}

/** What a pass that ends now would leave to send, projected from the current pass. */
export function projectedPending(job: SimJob, guest: GuestMemory): number {
  const m = job.memory;
  const passLeftMs = job.bandwidthBps > 0 ? (m.passRemainingBytes / job.bandwidthBps) * 1000 : Infinity;
  return dirtiedSince(guest, job.throttlePercent, m.passElapsedMs + passLeftMs);
}

/**
 * Advances one migration job by `dtMs` of model time. Pre-copy: the first pass sends all non-zero
 * memory, each later pass what the guest dirtied during the previous one; the guest switches over
 * when what is left fits the downtime limit at the current bandwidth.
 */
export function stepJob(job: SimJob, guest: GuestMemory, rates: StepRates, dtMs: number): StepEvent[] {
  const events: StepEvent[] = [];
  let left = dtMs;
  job.bandwidthBps = rates.linkBps;
  while (left > 1e-9) {
    const used = stepPhase(job, guest, rates, left, events);
    job.elapsedMs += used;
    left -= used;
    if (job.phase === 'completed' || job.phase === 'failed' || job.phase === 'cancelled') break;
  }
  return events;
}

/** Runs the current phase for at most `budgetMs`; returns the time it used. */
function stepPhase(job: SimJob, guest: GuestMemory, rates: StepRates, budgetMs: number, events: StepEvent[]): number {
  switch (job.phase) {
    case 'setup': {
      const used = Math.min(budgetMs, job.setupRemainingMs);
      job.setupRemainingMs -= used;
      if (job.setupRemainingMs <= 0) job.phase = job.storage.totalBytes > 0 ? 'storage' : 'memory';
      return used;
    }
    case 'storage':
      return stepStorage(job, rates, budgetMs, events);
    case 'memory':
      return job.spec.cold ? moveDefinition(job, events) : stepMemory(job, guest, budgetMs, events);
    case 'postcopy': {
      const m = job.memory;
      const needMs = job.bandwidthBps > 0 ? (m.passRemainingBytes / job.bandwidthBps) * 1000 : Infinity;
      const used = Math.min(budgetMs, needMs);
      const sent = Math.min(m.passRemainingBytes, (job.bandwidthBps * used) / 1000);
      m.passRemainingBytes -= sent;
      m.processedBytes += sent;
      if (needMs <= budgetMs) {
        job.phase = 'completed';
        events.push('completed');
      }
      return used;
    }
    default:
      return budgetMs;
  }
}

function stepStorage(job: SimJob, rates: StepRates, budgetMs: number, events: StepEvent[]): number {
  const s = job.storage;
  // Guest writes are mirrored to the destination as they happen, so they eat into the bulk copy.
  const effective = Math.max(0, Math.min(rates.storageBps, job.spec.type === 'storage' ? Infinity : rates.linkBps) - s.writeRateBps);
  const needMs = effective > 0 ? ((s.totalBytes - s.copiedBytes) / effective) * 1000 : Infinity;
  if (needMs > budgetMs) {
    s.copiedBytes += (effective * budgetMs) / 1000;
    return budgetMs;
  }
  s.copiedBytes = s.totalBytes;
  events.push('storage-done');
  if (job.spec.type === 'storage') {
    // A storage-only move pivots the disks to their copies; the guest does not pause.
    job.switchedOver = true;
    job.downtimeMs = 0;
    job.phase = 'completed';
    events.push('switched-over', 'completed');
  } else {
    job.phase = 'memory';
  }
  return needMs;
}

function stepMemory(job: SimJob, guest: GuestMemory, budgetMs: number, events: StepEvent[]): number {
  const m = job.memory;
  if (job.postCopyRequested) {
    // The guest moves now; what is still dirty is pulled from the source on demand.
    m.passRemainingBytes += dirtiedSince(guest, job.throttlePercent, m.passElapsedMs);
    m.dirtiedBytes = 0;
    job.switchedOver = true;
    job.downtimeMs = postCopySwitchMs;
    job.phase = 'postcopy';
    events.push('switched-over');
    return 0;
  }
  const needMs = job.bandwidthBps > 0 ? (m.passRemainingBytes / job.bandwidthBps) * 1000 : Infinity;
  const used = Math.min(budgetMs, needMs);
  const sent = needMs <= budgetMs ? m.passRemainingBytes : (job.bandwidthBps * used) / 1000;
  m.passRemainingBytes -= sent;
  m.processedBytes += sent;
  m.passElapsedMs += used;
  m.dirtiedBytes = dirtiedSince(guest, job.throttlePercent, m.passElapsedMs);
  if (needMs <= budgetMs) endPass(job, events);
  return used;
}

/** A cold move has no memory to copy: once the disks are across, the definition moves at once. */
function moveDefinition(job: SimJob, events: StepEvent[]): number {
  job.switchedOver = true;
  job.downtimeMs = 0;
  job.phase = 'completed';
  events.push('switched-over', 'completed');
  return 0;
}

function endPass(job: SimJob, events: StepEvent[]): void {
  const m = job.memory;
  const pending = m.dirtiedBytes;
  const sentThisPass = m.lastPassBytes;
  events.push('pass-done');
  const stopMs = job.bandwidthBps > 0 ? (pending / job.bandwidthBps) * 1000 : Infinity;
  if (stopMs <= job.downtimeLimitMs) {
    m.processedBytes += pending;
    m.dirtiedBytes = 0;
    job.switchedOver = true;
    job.downtimeMs = stopMs + (job.switchoverMs ?? deviceStateMs);
    job.phase = 'completed';
    events.push('switched-over', 'completed');
    return;
  }
  m.nonConvergingPasses = pending >= sentThisPass * 0.5 ? m.nonConvergingPasses + 1 : 0;
  if (job.autoConverge && m.nonConvergingPasses >= 2) {
    job.throttlePercent = job.throttlePercent === 0 ? throttleInitial : Math.min(99, job.throttlePercent + throttleIncrement);
    m.nonConvergingPasses = 0;
  }
  m.iteration += 1;
  m.lastPassBytes = pending;
  m.passRemainingBytes = pending;
  m.passElapsedMs = 0;
  m.dirtiedBytes = 0;
}
