import { describe, expect, it } from 'vitest';
import { downtimeText, downtimeTitle } from '../../src/renderer/src/components/downtime-words';
import { formatClock } from '../../src/renderer/src/components/format';
import { describeDowntime } from '../../src/renderer/src/components/observed-downtime';
import { emptyProgress } from '../../src/main/engine/run/progress';
import type { Task } from '../../src/shared/model/migration';

const shutAt = '2026-11-28T10:00:00.000Z';
const onAt = '2026-11-28T10:02:10.000Z';
const coldTask = (over: Partial<Task>): Task =>
  ({ state: 'completed', phase: 'done', cold: true, shutDownForMove: null, prediction: null, progress: emptyProgress, ...over }) as Task;
const detail = (t: Task) =>
  describeDowntime({ predictedMs: null, reportedMs: null, observedMs: null, state: t.state, cold: t.cold, shutDown: t.shutDownForMove });

// Issue #14: a guest Ferry shut down for its cold move read "none (off)", as if it had been off all along.
describe('the downtime of a guest Ferry shut down for its cold move (issue #14)', () => {
  it('runs from the shutdown to the power-on at the destination', () => {
    const t = coldTask({ shutDownForMove: { at: shutAt, powerOnAfter: true, poweredOnAt: onAt } });
    expect(downtimeText(t)).toBe('2 min 10 s');
    expect(downtimeTitle(t)).toBe(
      `Ferry shut the guest down for this cold move at ${formatClock(shutAt)} and powered it on at its destination at ${formatClock(onAt)}`,
    );
    expect(detail(t)).toBe(
      `2 min 10 s: Ferry shut the guest down for this cold move at ${formatClock(shutAt)} and powered it on at its destination at ${formatClock(onAt)}`,
    );
  });

  it('says it is still off when it was left off, or is not powered on yet', () => {
    const leftOff = coldTask({ shutDownForMove: { at: shutAt, powerOnAfter: false, poweredOnAt: null } });
    expect(downtimeText(leftOff)).toBe(`off since ${formatClock(shutAt)}`);
    expect(detail(leftOff)).toBe(
      `still off: Ferry shut the guest down for this cold move at ${formatClock(shutAt)} and left it powered off at its destination, as asked`,
    );
    const moving = coldTask({ state: 'running', phase: 'storage', shutDownForMove: { at: shutAt, powerOnAfter: true, poweredOnAt: null } });
    expect(downtimeText(moving)).toBe(`off since ${formatClock(shutAt)}`);
    expect(detail(moving)).toBe(
      `off since ${formatClock(shutAt)}, when Ferry shut the guest down for this cold move; it is powered on at its destination once moved`,
    );
    const notOn = coldTask({ shutDownForMove: { at: shutAt, powerOnAfter: true, poweredOnAt: null } });
    expect(detail(notOn)).toBe(
      `still off: Ferry shut the guest down for this cold move at ${formatClock(shutAt)}; it was to be powered on at its destination and is not`,
    );
    expect(downtimeTitle(notOn)).toBe(
      `Off since ${formatClock(shutAt)}, when Ferry shut the guest down for this cold move; it was to be powered on at its destination and is not`,
    );
  });

  it('says where it stays off when its move did not happen', () => {
    const failed = coldTask({ state: 'failed', shutDownForMove: { at: shutAt, powerOnAfter: true, poweredOnAt: null } });
    expect(detail(failed)).toBe(
      `still off: Ferry shut the guest down for this cold move at ${formatClock(shutAt)}; the move did not happen: it is powered off where it was`,
    );
  });

  it('keeps "none (off)" for a VM that was off before the move', () => {
    const off = coldTask({});
    expect(downtimeText(off)).toBe('none (off)');
    expect(detail(off)).toBe('none (off): the VM is powered off before and after the move');
  });
});
