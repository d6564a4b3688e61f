import type { AuditRecord } from '../../../shared/model/audit';
import type { WritableDb } from '../database';

export interface AuditRow {
  id: number;
  time: string;
  actor: string;
  action: string;
  vm_id: string | null;
  vm_name: string | null;
  source_host: string | null;
  dest_host: string | null;
  datastores: string | null;
  priority: string | null;
  task_id: string | null;
  outcome: string | null;
  duration_ms: number | null;
  downtime_ms: number | null;
  observed_downtime_ms: number | null;
  bytes_transferred: number | null;
  iterations: number | null;
  error_code: string | null;
  error_message: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

export const toRecord = (r: AuditRow): AuditRecord => ({
  id: r.id,
  time: r.time,
  actor: r.actor,
  action: r.action as AuditRecord['action'],
  vmId: r.vm_id,
  vmName: r.vm_name,
  sourceHost: r.source_host,
  destHost: r.dest_host,
  datastores: r.datastores,
  priority: r.priority,
  taskId: r.task_id,
  outcome: r.outcome,
  durationMs: r.duration_ms,
  downtimeMs: r.downtime_ms,
  observedDowntimeMs: r.observed_downtime_ms,
  bytesTransferred: r.bytes_transferred,
  iterations: r.iterations,
  errorCode: r.error_code,
  errorMessage: r.error_message,
  details: r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export interface StoredHead {
  id: number;
  hash: string;
  seal: string | null;
}

/** The audit table: insert and read only; the schema's triggers refuse updates and deletes. */
export class AuditRepository {
  private readonly insertStatement;

  constructor(private readonly db: WritableDb) {
    this.insertStatement =
      db.prepare(`INSERT INTO audit (id, time, actor, action, vm_id, vm_name, source_host, dest_host, datastores, priority,
      task_id, outcome, duration_ms, downtime_ms, observed_downtime_ms, bytes_transferred, iterations, error_code, error_message, details, prev_hash, hash)
      VALUES (@id, @time, @actor, @action, @vmId, @vmName, @sourceHost, @destHost, @datastores, @priority, @taskId, @outcome, @durationMs,
      @downtimeMs, @observedDowntimeMs, @bytesTransferred, @iterations, @errorCode, @errorMessage, @details, @prevHash, @hash)`);
  }

  last(): { id: number; hash: string } | undefined {
    return this.db.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  }

  insert(record: AuditRecord): void {
    this.insertStatement.run(record);
  }

  /** Runs `append` in one immediate transaction: the chain's last link cannot change under it. */
  atomically<T>(append: () => T): T {
    return this.db.transaction(append).immediate();
  }

  /** The stored head; `seal` null: stored before the chain was keyed. */
  head(): StoredHead | undefined {
    return this.db.prepare('SELECT id, hash, seal FROM audit_head').get() as StoredHead | undefined;
  }

  setHead(head: StoredHead): void {
    this.db
      .prepare(
        `INSERT INTO audit_head (one, id, hash, seal) VALUES (1, ?, ?, ?)
         ON CONFLICT(one) DO UPDATE SET id = excluded.id, hash = excluded.hash, seal = excluded.seal`,
      )
      .run(head.id, head.hash, head.seal);
  }

  /** Streams every record in id order without holding them in memory. */
  iterateAll(): IterableIterator<AuditRow> {
    return this.db.prepare('SELECT * FROM audit ORDER BY id').iterate() as IterableIterator<AuditRow>;
  }
}
