import type { WritableDb } from './database';

/** Drivers' job records (one JSON document per job), in the shape of the drivers' DriverJournal. */
export class DriverJobRepository {
  constructor(private readonly db: WritableDb) {}

  /** The journal of one driver: its records only. */
  journalOf(driverId: string) {
    return {
      load: (jobId: string): unknown => {
        const row = this.db.prepare('SELECT record FROM driver_jobs WHERE job_id = ? AND driver_id = ?').get(jobId, driverId) as
          { record: string } | undefined;
        return row ? (JSON.parse(row.record) as unknown) : undefined;
      },
      save: (jobId: string, record: unknown): void => {
        this.db
          .prepare(
            `INSERT INTO driver_jobs (job_id, driver_id, record, updated_at) VALUES (?, ?, ?, ?)
             ON CONFLICT(job_id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at`,
          )
          .run(jobId, driverId, JSON.stringify(record), new Date().toISOString());
      },
      forget: (jobId: string): void =>
        void this.db.prepare('DELETE FROM driver_jobs WHERE job_id = ? AND driver_id = ?').run(jobId, driverId),
      all: (): Map<string, unknown> => {
        const rows = this.db.prepare('SELECT job_id, record FROM driver_jobs WHERE driver_id = ?').all(driverId) as {
          job_id: string;
          record: string;
        }[];
        return new Map(rows.map((r) => [r.job_id, JSON.parse(r.record) as unknown]));
      },
    };
  }
}
