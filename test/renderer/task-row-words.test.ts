import { describe, expect, it } from 'vitest';
import { formatClock } from '../../src/renderer/src/components/format';
import { counted } from '../../src/renderer/src/components/plural';
import { downtimeBoundWords, downtimeText, downtimeTitle, predictedDowntimeWords } from '../../src/renderer/src/components/downtime-words';
import { describeDowntime } from '../../src/renderer/src/components/observed-downtime';
import { progressPercent } from '../../src/renderer/src/features/tasks/progress-percent';
import { convergenceNote, etaText, phaseText, queuedEtaTitle } from '../../src/renderer/src/features/tasks/convergence-note';
import { emptyProgress } from '../../src/main/engine/run/progress';
import { defaultConvergencePolicy, type Task } from '../../src/shared/model/migration';

const task = (over: Partial<Task> = {}, progress: Partial<Task['progress']> = {}): Task =>
  ({
    state: 'running',
    phase: 'memory',
    switchedOver: false,
    waitingFor: null,
    options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
    ...over,
    progress: { ...emptyProgress, ...progress },
  }) as Task;

describe("a task row's words", () => {
  it('names the pass in the singular and plural alike', () => {
    expect(phaseText(task({}, { iteration: 1 }))).toBe('Copying memory, pass 1');
    expect(counted(1, 'pass', 'passes')).toBe('1 pass');
    expect(counted(3, 'pass', 'passes')).toBe('3 passes');
  });

  it('says what the policy does while a copy struggles, and when there is no way back', () => {
    expect(convergenceNote(task({}, { downtimeLimitMs: defaultConvergencePolicy.maxDowntimeMs }))).toBeNull();
    expect(convergenceNote(task({}, { downtimeLimitMs: 600, throttlePercent: 30 }))).toBe('limit 600 ms · throttled 30%');
    expect(convergenceNote(task({ phase: 'switchover', switchedOver: true }, { postCopy: true }))).toBe('post-copy · no way back');
    expect(convergenceNote(task({ state: 'completed', switchedOver: true }))).toBeNull();
  });

  it("counts a queued move down to when its batch's schedule said it would be done (review 10, 4)", () => {
    const prediction = {
      durationMs: 59_000,
      downtimeMs: 187,
      iterations: 2,
      transferBytes: 1,
      converges: true,
      strategy: 'precopy' as const,
    };
    const queued = task({
      state: 'queued',
      phase: 'queued',
      createdAt: '2026-11-27T20:00:00.000Z',
      prediction: { ...prediction, startsInMs: 31_000 },
    });
    const at = (seconds: number) => Date.parse('2026-11-27T20:00:00.000Z') + seconds * 1000;
    // As the Ready page said it, "about 1 min 30 s after Finish", then less as the wait goes by.
    expect(etaText(queued, at(0))).toBe('~1 min 30 s');
    expect(etaText(queued, at(10))).toBe('~1 min 20 s');
    // Waiting longer than predicted: nothing says how much longer, so no figure that looks like one.
    expect(etaText(queued, at(300))).toBe('—');
    expect(queuedEtaTitle(queued, at(0))).toBe(
      'Predicted when it was requested: it starts about 31 s after its request, then the move takes about 59 s',
    );
    expect(queuedEtaTitle(queued, at(300))).toBe('Waiting longer than predicted when it was requested; then the move takes about 59 s');
    // One the schedule had start at once counts down its move; one never planned as a batch has no start to count to.
    expect(
      etaText(
        task({ state: 'queued', phase: 'queued', createdAt: '2026-11-27T20:00:00.000Z', prediction: { ...prediction, startsInMs: 0 } }),
        at(0),
      ),
    ).toBe('~59 s');
    expect(etaText(task({ state: 'queued', phase: 'queued', createdAt: '2026-11-27T20:00:00.000Z', prediction }), at(5))).toBe('—');
    expect(etaText(task({ state: 'queued', phase: 'queued', prediction: null }), at(5))).toBe('—');
  });

  it('shows the one ETA, never "not converging"', () => {
    expect(etaText(task({}, { etaMs: 45_000 }))).toBe('45 s');
    expect(etaText(task({}, { etaMs: null }))).toBe('—');
    // Whole seconds: "731 ms" left is a precision no estimate has (new-user review 8, m2).
    expect(etaText(task({}, { etaMs: 731 }))).toBe('< 1 s');
    expect(etaText(task({}, { etaMs: 1_400 }))).toBe('1 s');
    // A copy that cannot finish predicts millions of hours: one word that fits the column.
    expect(etaText(task({}, { etaMs: 8.4e12 }))).toBe('> 1 day');
    expect(etaText(task({}, { etaMs: 3 * 3_600_000 }))).toBe('3 h 0 min');
    expect(etaText(task({ phase: 'verify', switchedOver: true }))).toBe('finishing');
    expect(etaText(task({ state: 'completed' }, { etaMs: 0 }))).toBe('—');
  });

  it('gives start and end as a time of day, with the date when not today', () => {
    const now = new Date('2026-11-26T12:00:00');
    expect(formatClock(new Date('2026-11-26T09:05:07').toISOString(), now)).toBe('09:05:07');
    expect(formatClock(new Date('2026-11-24T09:05:07').toISOString(), now)).toMatch(/24.*09:05:07/);
    expect(formatClock(null, now)).toBe('—');
  });

  it('never reads what a switchover right now would cost as the downtime to expect (review 4, R2)', () => {
    const copying = (progress: Partial<Task['progress']>, prediction: number | null = 40) =>
      task({ prediction: { downtimeMs: prediction } as Task['prediction'] }, progress);
    // Mid-copy the hypervisor estimates 10 s if it switched now; the policy switches only under its limit.
    expect(downtimeText(copying({ expectedDowntimeMs: 10_000, downtimeLimitMs: 300 }))).toBe('≤ 300 ms');
    // Before the copy reports its limit: the prediction, said as one.
    expect(downtimeText(copying({ expectedDowntimeMs: 10_000, downtimeLimitMs: null }))).toBe('~40 ms');
    expect(downtimeText(copying({ expectedDowntimeMs: 10_000, downtimeLimitMs: null }, null))).toBe('—');
    // Once paused and resumed: the hypervisor's figure.
    expect(downtimeText(copying({ downtimeMs: 42, downtimeLimitMs: 300 }))).toBe('42 ms');
    expect(downtimeText(task({ state: 'completed' }, { downtimeMs: null }))).toBe('—');
  });

  it("says in the Downtime cell's title which kind of figure it shows (review 8, c4)", () => {
    const copying = (progress: Partial<Task['progress']>, prediction: number | null = 40) =>
      task({ prediction: { downtimeMs: prediction } as Task['prediction'] }, progress);
    expect(downtimeTitle(copying({ downtimeLimitMs: 300 }))).toBe(
      'At most 300 ms: the limit the policy holds the pause to now; predicted ~40 ms',
    );
    expect(downtimeTitle(copying({ downtimeLimitMs: null }))).toBe('Predicted pause at switchover: ~40 ms');
    expect(downtimeTitle(copying({ downtimeMs: 42, downtimeLimitMs: 300 }))).toBe('The pause at switchover, as the hypervisor reported it');
    expect(downtimeTitle(task({ state: 'failed' }, { downtimeMs: null }))).toBe('No switchover happened');
  });

  it('says the most a predicted pause may take, as a running row does (new-user review 10, 4 and 6: ~27 ms predicted, 271 ms paused)', () => {
    const queued = task({ state: 'queued', prediction: { downtimeMs: 27, downtimeBoundMs: 315 } as Task['prediction'] }, {});
    expect(downtimeText(queued)).toBe('≤ 315 ms');
    expect(downtimeTitle(queued)).toBe('At most 315 ms: its limit and the switchover, wherever its last pass ends; predicted ~27 ms');
    expect(predictedDowntimeWords({ downtimeMs: 27, downtimeBoundMs: 315 })).toBe('about 27 ms, at most 315 ms');
    // Near its bound too, as the other rows of the Ready page have it: "about 218 ms" stood alone beside
    // "about 27 ms, at most 315 ms" (new-user review, demo preset).
    expect(predictedDowntimeWords({ downtimeMs: 218, downtimeBoundMs: 315 })).toBe('about 218 ms, at most 315 ms');
    // Its bound the prediction itself (post-copy's switch), or from before the bound was kept: the prediction alone.
    expect(predictedDowntimeWords({ downtimeMs: 40, downtimeBoundMs: 40 })).toBe('about 40 ms');
    expect(predictedDowntimeWords({ downtimeMs: 27 })).toBe('about 27 ms');
    expect(
      describeDowntime({
        predictedMs: 27,
        bound: downtimeBoundWords(queued.prediction),
        reportedMs: null,
        observedMs: null,
        state: 'queued',
      }),
    ).toMatch(/^27 ms predicted \(at most 315 ms\); not yet/);
    // A running copy's bound counts the switchover too (review 11, 6: "≤ 300 ms", then 311 ms).
    const running = task(
      { state: 'running', prediction: { downtimeMs: 27, switchoverMs: 15 } as Task['prediction'] },
      { downtimeLimitMs: 300 },
    );
    expect(downtimeText(running)).toBe('≤ 315 ms');
    expect(downtimeTitle(running)).toBe(
      "At most 315 ms: the limit the policy holds the pause to now and the switchover's 15 ms; predicted ~27 ms",
    );
  });

  it('a rolled-back move shows no partial progress: it moved nothing (new-user review: "Cancelled, rolled back | 65%")', () => {
    expect(progressPercent(task({}, { fraction: 0.657 }))).toBe(65);
    expect(progressPercent(task({ state: 'completed' }, { fraction: 1 }))).toBe(100);
    expect(progressPercent(task({ state: 'aborted' }, { fraction: 0.657 }))).toBeNull();
  });
});
