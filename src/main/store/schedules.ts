import type { Schedule, ScheduleInput, ScheduleRefusal } from '../../shared/model/schedule';
import type { WritableDb } from './database';

export type StoredSchedule = Omit<Schedule, 'nextRuns'>;

interface Row {
  id: string;
  paused: number;
  created_by: string;
  created_at: string;
  last_fired_at: string | null;
  last_missed_at: string | null;
  last_refusal: string | null;
  data: string;
}

const toSchedule = (r: Row): StoredSchedule => ({
  ...(JSON.parse(r.data) as ScheduleInput),
  id: r.id,
  paused: r.paused === 1,
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastFiredAt: r.last_fired_at,
  lastMissedAt: r.last_missed_at,
  lastRefusal: r.last_refusal ? (JSON.parse(r.last_refusal) as ScheduleRefusal) : null,
});

export class ScheduleRepository {
  constructor(private readonly db: WritableDb) {}

  all(): StoredSchedule[] {
    return (this.db.prepare('SELECT * FROM schedules ORDER BY created_at, id').all() as Row[]).map(toSchedule);
  }

  get(id: string): StoredSchedule | undefined {
    const row = this.db.prepare('SELECT * FROM schedules WHERE id = ?').get(id) as Row | undefined;
    return row ? toSchedule(row) : undefined;
  }

  insert(s: StoredSchedule): void {
    const { id, paused, createdBy, createdAt, lastFiredAt, lastMissedAt, lastRefusal, ...input } = s;
    this.db
      .prepare(
        'INSERT INTO schedules (id, paused, created_by, created_at, last_fired_at, last_missed_at, last_refusal, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        paused ? 1 : 0,
        createdBy,
        createdAt,
        lastFiredAt,
        lastMissedAt,
        lastRefusal ? JSON.stringify(lastRefusal) : null,
        JSON.stringify(input),
      );
  }

  update(id: string, input: ScheduleInput): void {
    this.db.prepare('UPDATE schedules SET data = ? WHERE id = ?').run(JSON.stringify(input), id);
  }

  setPaused(id: string, paused: boolean): void {
    this.db.prepare('UPDATE schedules SET paused = ? WHERE id = ?').run(paused ? 1 : 0, id);
  }

  setLastFired(id: string, at: string): void {
    this.db.prepare('UPDATE schedules SET last_fired_at = ? WHERE id = ?').run(at, id);
  }

  /** A run later than its grace period: handled (not fired again) and remembered as missed. */
  setMissed(id: string, at: string): void {
    this.db.prepare('UPDATE schedules SET last_fired_at = ?, last_missed_at = ? WHERE id = ?').run(at, at, id);
  }

  /** A run the engine refused: handled (not fired again) and remembered with why. */
  setRefused(id: string, refusal: ScheduleRefusal): void {
    this.db.prepare('UPDATE schedules SET last_refusal = ? WHERE id = ?').run(JSON.stringify(refusal), id);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM schedules WHERE id = ?').run(id);
  }
}
