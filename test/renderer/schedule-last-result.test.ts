import { describe, expect, it } from 'vitest';
import { lastResultOf } from '../../src/renderer/src/features/schedules/schedule-summary';
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
