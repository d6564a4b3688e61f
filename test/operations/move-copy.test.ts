import { describe, expect, it } from 'vitest';
import { predict } from '../../src/main/engine/planning/prediction';
import { MoveCopy } from '../../src/main/operations/move-copy';
import { defaultConvergencePolicy } from '../../src/shared/model/migration';
import type { Vm } from '../../src/shared/model/inventory';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const guest = { memoryBytes: 16 * GiB, dirtyRateBps: 150 * MiB, workingSetBytes: 4 * GiB, power: 'running' } as Vm;

/** Runs a copy to its end, its share given by the time; returns how long it took (ms). */
function run(copy: MoveCopy, shareAt: (ms: number) => number): number {
  let now = 0;
  for (let steps = 0; !copy.done; steps++) {
    if (steps > 10_000) throw new Error('the copy never ended');
    const share = shareAt(now);
    // Never past the next second: a share may change then.
    const ms = Math.min(copy.msToStepEnd(share), 1000 - (now % 1000));
    copy.advance(share, ms);
    now += ms;
    if (copy.bytesLeft <= 1) copy.endStep(share);
  }
  return now;
}

describe('a move copy in a plan', () => {
  it('takes what the prediction says at one share, pass by pass', () => {
    const share = 400 * MiB;
    const p = predict({
      type: 'compute',
      ...guest,
      bandwidthBps: share,
      diskBytes: 0,
      diskWriteRateBps: 0,
      storageBps: 0,
      policy: defaultConvergencePolicy,
      postCopyAvailable: true,
    });
    expect(run(new MoveCopy(guest, 0), () => share)).toBeCloseTo((p.transferBytes / share) * 1000, 0);
  });

  it('dirties more when its link gets crowded midway, and less when the link frees up', () => {
    const alone = run(new MoveCopy(guest, 0), () => 400 * MiB);
    const crowded = run(new MoveCopy(guest, 0), () => 160 * MiB);
    // Crowded from the 20th second on: between the two, and longer than its bytes at the mean share.
    const crowdedLater = run(new MoveCopy(guest, 0), (ms) => (ms < 20_000 ? 400 * MiB : 160 * MiB));
    expect(crowdedLater).toBeGreaterThan(alone);
    expect(crowdedLater).toBeLessThan(crowded);
    // Freed at the 20th second: sooner than staying crowded.
    const freedLater = run(new MoveCopy(guest, 0), (ms) => (ms < 20_000 ? 160 * MiB : 400 * MiB));
    expect(freedLater).toBeLessThan(crowded);
  });

  it('copies the disks first, then the memory; a powered-off guest only its disks', () => {
    const share = 500 * MiB;
    const memoryOnly = run(new MoveCopy(guest, 0), () => share);
    expect(run(new MoveCopy(guest, 10 * GiB), () => share)).toBeCloseTo(memoryOnly + ((10 * GiB) / share) * 1000, 0);
    expect(run(new MoveCopy({ ...guest, power: 'off' }, 10 * GiB), () => share)).toBeCloseTo(((10 * GiB) / share) * 1000, 0);
  });
});
