import { describe, expect, it } from 'vitest';
import { deviceStateMs, postCopySwitchMs, setupMs, stepJob, type GuestMemory } from '../../../src/main/drivers/sim/precopy';
import type { SimJob } from '../../../src/main/drivers/sim/state';
import type { MigrationJobSpec } from '../../../src/main/drivers/driver';
import { jobSpec } from '../../helpers/job-spec';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

function job(memoryBytes: number, overrides: Partial<MigrationJobSpec> = {}, diskBytes = 0): SimJob {
  const spec = jobSpec('vm', 'a', 'b', {
    postCopyAllowed: true,
    ...(diskBytes > 0 ? { type: 'both', destDatastoreId: 'ds' } : {}),
    ...overrides,
  });
  return {
    spec,
    phase: 'setup',
    phaseEnteredAtMs: 0,
    sourceDatastoreIds: [],
    scheduledFailures: [],
    startedAtMs: 0,
    elapsedMs: 0,
    setupRemainingMs: setupMs,
    storage: { totalBytes: diskBytes, copiedBytes: 0, writeRateBps: diskBytes > 0 ? 10 * MiB : 0 },
    memory: {
      totalBytes: memoryBytes,
      processedBytes: 0,
      passRemainingBytes: memoryBytes,
      passElapsedMs: 0,
      dirtiedBytes: 0,
      iteration: 1,
      lastPassBytes: memoryBytes,
      nonConvergingPasses: 0,
    },
    bandwidthBps: 0,
    downtimeLimitMs: spec.maxDowntimeMs,
    bandwidthLimitBps: null,
    autoConverge: spec.autoConverge,
    throttlePercent: 0,
    postCopyRequested: false,
    switchedOver: false,
    downtimeMs: null,
    error: null,
  };
}

/** Steps in 100 ms slices, as the driver does, until the job finishes or the limit passes. */
function run(j: SimJob, guest: GuestMemory, linkBps: number, limitMs = 600_000, storageBps = Infinity): void {
  for (let t = 0; t < limitMs && j.phase !== 'completed'; t += 100) stepJob(j, guest, { linkBps, storageBps }, 100);
}

describe('pre-copy model', () => {
  it('converges in two passes for a slowly dirtying guest (hand-computed)', () => {
    // 4 GiB at 1 GiB/s: pass 1 takes 4 s and leaves min(1 GiB, 100 MiB/s × 4 s) = 400 MiB dirty.
    // 400 MiB needs 390.6 ms > 300 ms, so pass 2 sends it in 0.390625 s, leaving 39.0625 MiB,
    // which needs 38.15 ms: the guest switches over with 38.15 + device state ms of downtime.
    const j = job(4 * GiB);
    run(j, { dirtyRateBps: 100 * MiB, workingSetBytes: GiB }, GiB);
    expect(j.phase).toBe('completed');
    expect(j.memory.iteration).toBe(2);
    expect(j.elapsedMs).toBeCloseTo(setupMs + 4000 + 390.625, 3);
    expect(j.downtimeMs).toBeCloseTo((39.0625 / 1024) * 1000 + deviceStateMs, 3);
    expect(j.memory.processedBytes).toBeCloseTo(4 * GiB + 400 * MiB + 39.0625 * MiB, 0);
  });

  it('models no cost for an encrypted stream (VIR_MIGRATE_TLS): the same passes and downtime', () => {
    // AES-GCM runs at GB/s per core with AES-NI: far above the links the sim models, so TLS costs nothing here.
    const plain = job(4 * GiB);
    const encrypted = job(4 * GiB, { encryptStream: true });
    for (const j of [plain, encrypted]) run(j, { dirtyRateBps: 100 * MiB, workingSetBytes: GiB }, GiB);
    expect(encrypted.phase).toBe('completed');
    expect([encrypted.elapsedMs, encrypted.memory.iteration, encrypted.downtimeMs]).toEqual([
      plain.elapsedMs,
      plain.memory.iteration,
      plain.downtimeMs,
    ]);
  });

  it('bounds each pass by the writable working set', () => {
    // 2 GiB/s of dirtying into a 64 MiB working set: pass 1 (2 s) leaves only 64 MiB dirty, which
    // takes 62.5 ms at 1 GiB/s and fits the limit: the guest stops after the first pass.
    const j = job(2 * GiB);
    run(j, { dirtyRateBps: 2 * GiB, workingSetBytes: 64 * MiB }, GiB);
    expect(j.phase).toBe('completed');
    expect(j.memory.iteration).toBe(1);
    expect(j.downtimeMs).toBeCloseTo(62.5 + deviceStateMs, 3);
  });

  it('never converges when the guest dirties its working set faster than the link', () => {
    const j = job(4 * GiB);
    run(j, { dirtyRateBps: 2 * GiB, workingSetBytes: 2 * GiB }, GiB, 120_000);
    expect(j.phase).toBe('memory');
    expect(j.switchedOver).toBe(false);
    // Pass 1 ends at 4.5 s (iteration 2 begins), then every pass re-sends the 2 GiB working set in 2 s.
    expect(j.memory.iteration).toBe(2 + Math.floor((120_000 - setupMs - 4000) / 2000));
  });

  it('converges with auto-converge by throttling the guest step by step', () => {
    const j = job(4 * GiB, { autoConverge: true });
    run(j, { dirtyRateBps: 2 * GiB, workingSetBytes: 2 * GiB }, GiB);
    expect(j.phase).toBe('completed');
    expect(j.throttlePercent).toBeGreaterThanOrEqual(20);
    expect((j.throttlePercent - 20) % 10).toBe(0);
    expect(j.downtimeMs).toBeLessThanOrEqual(300 + deviceStateMs);
  });

  it('a raised downtime limit lets a marginal guest switch over at once', () => {
    // Pass 1 leaves 400 MiB (390.6 ms at 1 GiB/s); a 500 ms limit accepts it.
    const j = job(4 * GiB, { maxDowntimeMs: 500 });
    run(j, { dirtyRateBps: 100 * MiB, workingSetBytes: GiB }, GiB);
    expect(j.memory.iteration).toBe(1);
    expect(j.downtimeMs).toBeCloseTo(390.625 + deviceStateMs, 3);
  });

  it('switches over at once in post-copy and then pulls the rest', () => {
    const j = job(4 * GiB);
    const guest = { dirtyRateBps: 2 * GiB, workingSetBytes: 2 * GiB };
    for (let t = 0; t < 10_000; t += 100) stepJob(j, guest, { linkBps: GiB, storageBps: 0 }, 100);
    expect(j.phase).toBe('memory');
    j.postCopyRequested = true;
    const events = stepJob(j, guest, { linkBps: GiB, storageBps: 0 }, 100);
    expect(events).toContain('switched-over');
    expect(j.downtimeMs).toBe(postCopySwitchMs);
    expect(j.phase).toBe('postcopy');
    run(j, guest, GiB);
    expect(j.phase).toBe('completed');
    expect(j.memory.passRemainingBytes).toBe(0);
  });

  it('copies disks at storage bandwidth less the mirrored writes before memory', () => {
    // 10 GiB at min(1 GiB/s link, 512 MiB/s store) − 10 MiB/s mirrored writes = 502 MiB/s.
    const j = job(GiB, {}, 10 * GiB);
    const guest = { dirtyRateBps: MiB, workingSetBytes: 64 * MiB };
    const events: string[] = [];
    for (let t = 0; t < 60_000 && j.phase !== 'completed'; t += 100)
      events.push(...stepJob(j, guest, { linkBps: GiB, storageBps: 512 * MiB }, 100));
    expect(events.indexOf('storage-done')).toBeLessThan(events.indexOf('switched-over'));
    // Then 1 GiB of memory in 1 s, leaving 1 MiB dirty (under 1 ms): one pass.
    const storageMs = ((10 * 1024) / 502) * 1000;
    expect(j.elapsedMs).toBeCloseTo(setupMs + storageMs + 1000, 3);
  });
});
