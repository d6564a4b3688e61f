import type { WritableDb } from './database';

export interface LinkSpeedSample {
  sourceHostId: string;
  destHostId: string;
  bytesPerSecond: number;
  taskId: string;
  measuredAt: string;
  /** The migration's time besides its copy, and its downtime beyond the last pass's copy; null where not known. */
  fixedMs?: number | null;
  switchoverMs?: number | null;
}

/** How many samples a pair keeps: enough for a median that shrugs off an odd run, recent enough to follow a changed link. */
export const LINK_SPEED_SAMPLES_KEPT = 9;

/** The bandwidth completed migrations achieved, per direction between two hosts. */
export class LinkSpeedRepository {
  constructor(private readonly db: WritableDb) {}

  /** Adds a sample and drops that direction's samples beyond the newest LINK_SPEED_SAMPLES_KEPT. */
  record(s: LinkSpeedSample): void {
    this.db
      .prepare(
        `INSERT INTO link_speeds (source_host_id, dest_host_id, bytes_per_second, task_id, measured_at, fixed_ms, switchover_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(s.sourceHostId, s.destHostId, s.bytesPerSecond, s.taskId, s.measuredAt, s.fixedMs ?? null, s.switchoverMs ?? null);
    this.db
      .prepare(
        `DELETE FROM link_speeds WHERE source_host_id = ? AND dest_host_id = ? AND id NOT IN (
           SELECT id FROM link_speeds WHERE source_host_id = ? AND dest_host_id = ? ORDER BY id DESC LIMIT ?)`,
      )
      .run(s.sourceHostId, s.destHostId, s.sourceHostId, s.destHostId, LINK_SPEED_SAMPLES_KEPT);
  }

  /** One direction's samples, newest first. */
  recent(sourceHostId: string, destHostId: string): LinkSpeedSample[] {
    return this.rows('WHERE source_host_id = ? AND dest_host_id = ?', sourceHostId, destHostId);
  }

  /** Every sample a host took part in, either direction, newest first. */
  ofHost(hostId: string): LinkSpeedSample[] {
    return this.rows('WHERE source_host_id = ? OR dest_host_id = ?', hostId, hostId);
  }

  private rows(where: string, ...args: string[]): LinkSpeedSample[] {
    const rows = this.db
      .prepare(
        `SELECT source_host_id, dest_host_id, bytes_per_second, task_id, measured_at, fixed_ms, switchover_ms
         FROM link_speeds ${where} ORDER BY id DESC`,
      )
      .all(...args) as {
      source_host_id: string;
      dest_host_id: string;
      bytes_per_second: number;
      task_id: string;
      measured_at: string;
      fixed_ms: number | null;
      switchover_ms: number | null;
    }[];
    return rows.map((r) => ({
      sourceHostId: r.source_host_id,
      destHostId: r.dest_host_id,
      bytesPerSecond: r.bytes_per_second,
      taskId: r.task_id,
      measuredAt: r.measured_at,
      fixedMs: r.fixed_ms,
      switchoverMs: r.switchover_ms,
    }));
  }
}
