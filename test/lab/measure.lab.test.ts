// Predictions from measurements on the real lab: a guest told to dirty memory at a known rate
// (port 7778, test/lab/lab-env.ts setDirtyRate) is measured by Ferry through libvirt's page
// sampling, then migrated; predicted and actual duration and downtime are recorded side by side.
// Assumes the lab guests' rewriting loop (a 32 MiB working set, random data) and QEMU 7.2 (TCG).

import { afterEach, describe, expect, it } from 'vitest';
import type { Prediction, Task } from '../../src/shared/model/migration';
import { guestNamed, hostNamed, idOf, recordTiming, runningOn, setDirtyRate, sleep, type LabGuest } from './lab-env';
import { howItWent, migrate, request, useLabSession } from './lab-services';

const MiB = 1024 ** 2;
/** The rate the guest is told to dirty; 0..16 keeps TCG guests responsive (scripts/lab/README.md). */
const SET_MIB_PER_SECOND = 8;
/**
 * Page sampling hashes a few hundred random pages per GiB, so on a small guest only a handful fall
 * in the 32 MiB working set: the estimate is coarse. A factor of 3 either way still tells 8 MiB/s
 * from idle and from the link's speed, which is what the prediction needs.
 */
const BAND = { low: SET_MIB_PER_SECOND / 3, high: SET_MIB_PER_SECOND * 3 };

describe('predictions from measurements (lab)', () => {
  const { lab, driver, opened } = useLabSession('each');
  const guest = (): LabGuest => guestNamed(lab, 'lab-vm1');
  afterEach(() => setDirtyRate(lab, guest(), 0));

  /** The wizard's prediction (it measures the guest first), the migration, and both recorded. */
  async function predictAndMove(label: string, setMiBps: number): Promise<{ prediction: Prediction; task: Task }> {
    const vm = guest();
    const home = await runningOn(lab, vm);
    if (!home) throw new Error('lab-vm1 runs nowhere');
    const dest = hostNamed(lab, home.name === 'ferry-lab-h2' ? 'ferry-lab-h1' : 'ferry-lab-h2');
    const req = request({ vmIds: [vm.uuid], destHostId: idOf(dest) });
    const [predicted] = await opened.services.engine.predict(req);
    if (!predicted) throw new Error('no prediction');
    const prediction = predicted.prediction;
    const { task, wallMs } = await migrate(opened.services, req);
    expect(task.state, `${howItWent(opened.services, task)} ${task.problems.join('; ')}`).toBe('completed');
    // The task keeps a prediction from a measurement too (the wizard's, or a newer one of the inventory).
    expect(task.prediction?.basis?.dirtyRateSource).toBe('measured');
    const actual = task.outcome;
    const ratio = (p: number | null | undefined, a: number | null | undefined) => (p && a ? p / a : null);
    recordTiming(label, {
      setMiBps,
      measuredMiBps: (prediction.basis?.dirtyRateBps ?? 0) / MiB,
      dirtyRateSource: prediction.basis?.dirtyRateSource,
      linkBps: prediction.basis?.linkBps,
      linkSource: prediction.basis?.linkSource,
      wallMs,
      predictedDurationMs: prediction.durationMs,
      actualDurationMs: actual?.durationMs,
      durationPredictedOverActual: ratio(prediction.durationMs, actual?.durationMs),
      predictedDowntimeMs: prediction.downtimeMs,
      actualDowntimeMs: actual?.downtimeMs,
      downtimePredictedOverActual: ratio(prediction.downtimeMs, actual?.downtimeMs),
      predictedIterations: prediction.iterations,
      actualIterations: actual?.iterations,
    });
    return { prediction, task };
  }

  it(`measures a guest dirtying ${SET_MIB_PER_SECOND} MiB/s within a factor of 3, and predicts its move from it`, async () => {
    await setDirtyRate(lab, guest(), SET_MIB_PER_SECOND);
    await sleep(2000);
    const direct = await driver.measureDirtyRate(guest().uuid);
    expect(direct).not.toBeNull();
    expect(direct!.bytesPerSecond / MiB).toBeGreaterThanOrEqual(BAND.low);
    expect(direct!.bytesPerSecond / MiB).toBeLessThanOrEqual(BAND.high);

    const { prediction, task } = await predictAndMove(`measure: lab-vm1 dirtying ${SET_MIB_PER_SECOND} MiB/s`, SET_MIB_PER_SECOND);
    expect(prediction.basis).toMatchObject({ dirtyRateSource: 'measured' });
    expect(prediction.basis!.dirtyRateBps / MiB).toBeGreaterThanOrEqual(BAND.low);
    expect(prediction.basis!.dirtyRateBps / MiB).toBeLessThanOrEqual(BAND.high);
    expect(prediction.converges).toBe(true);
    expect(task.outcome?.durationMs).toBeGreaterThan(0);
  });

  it('measures an idle guest near zero, and the next move between the same hosts uses the learned link', async () => {
    await setDirtyRate(lab, guest(), 0);
    await sleep(2000);
    const first = await predictAndMove('measure: lab-vm1 idle (first move)', 0);
    expect(first.prediction.basis?.dirtyRateSource).toBe('measured');
    expect(first.prediction.basis!.dirtyRateBps / MiB).toBeLessThan(BAND.low);
    // Back the other way, then out again: the same direction as the first move now has a learned speed.
    await migrate(opened.services, request({ vmIds: [guest().uuid], destHostId: first.task.sourceHostId }));
    const again = await predictAndMove('measure: lab-vm1 idle (link learned)', 0);
    expect(again.prediction.basis).toMatchObject({ linkSource: 'learned' });
    expect(again.prediction.basis!.linkBps).toBeGreaterThan(0);
  });
});
