import { describe, expect, it } from 'vitest';
import { lastResultOf } from '../../src/renderer/src/features/schedules/schedule-summary';
import type { Task } from '../../src/shared/model/migration';
import type { Schedule } from '../../src/shared/model/schedule';

const schedule = (lastFiredAt: string | null, lastMissedAt: string | null): Schedule =>
  ({ id: 's1', lastFiredAt, lastMissedAt }) as Schedule;

describe('the last result of a schedule in the Scheduled view', () => {
  it('says missed when the last run handled was missed (late past its grace period)', () => {
    expect(lastResultOf(schedule('2026-06-02T00:00:00.000Z', '2026-06-02T00:00:00.000Z'), [])).toEqual({
      kind: 'missed',
      at: '2026-06-02T00:00:00.000Z',
    });
  });

  it('says fired when a later run fired after a missed one', () => {
    expect(lastResultOf(schedule('2026-06-03T00:00:00.000Z', '2026-06-02T00:00:00.000Z'), [])).toEqual({
      kind: 'fired',
      at: '2026-06-03T00:00:00.000Z',
    });
  });
});

// New-user review 17, 1: a run the engine refused at 18:52 read "Completed 18:50" (the run before it).
describe('a schedule whose last run the engine refused', () => {
  const refusal = {
    at: '2026-06-02T00:02:00.000Z',
    code: 'PRECHECK_FAILED' as const,
    message: 'prechecks block 1 of 1 VMs: VM0 already runs on H1.',
  };
  const completed = [{ scheduleId: 's1', createdAt: '2026-06-02T00:00:00.000Z', state: 'completed' }] as Task[];

  it('says it failed, when and why, not the result of the run before it', () => {
    const s = { id: 's1', lastFiredAt: refusal.at, lastMissedAt: null, lastRefusal: refusal } as Schedule;
    expect(lastResultOf(s, completed)).toEqual({ kind: 'refused', at: refusal.at, message: refusal.message });
  });

  it('gives way to a later run that fired', () => {
    const s = { id: 's1', lastFiredAt: '2026-06-02T00:04:00.000Z', lastMissedAt: null, lastRefusal: refusal } as Schedule;
    expect(lastResultOf(s, completed).kind).toBe('tasks');
  });
});
