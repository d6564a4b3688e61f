import type { MaintenanceExitReport, MoveKind } from '../../shared/model/operations';
import type { WritableDb } from './database';

export type FailbackState = 'none' | 'offered' | 'requested' | 'declined';

/** One maintenance of a host, from entering to its failback. */
export interface MaintenanceOperation {
  id: string;
  hostId: string;
  actor: string;
  startedAt: string;
  exitedAt: string | null;
  exitReport: MaintenanceExitReport | null;
  /** When the admin dismissed that report (schema 017); null while the panel shows it. */
  reportDismissedAt: string | null;
  /** Left while entering: the moves not switched over are (being) cancelled. */
  cancelPending: boolean;
  failback: FailbackState;
  failbackId: string | null;
}

/** A move the evacuation asked for; where it landed is its task's destination once it completed. */
export interface MaintenanceMove {
  operationId: string;
  taskId: string;
  vmId: string;
  vmName: string;
  missionCritical: boolean;
  kind: MoveKind;
}

interface OperationRow {
  id: string;
  host_id: string;
  actor: string;
  started_at: string;
  exited_at: string | null;
  exit_report: string | null;
  report_dismissed_at: string | null;
  cancel_pending: number;
  failback: FailbackState;
  failback_id: string | null;
}

interface MoveRow {
  operation_id: string;
  task_id: string;
  vm_id: string;
  vm_name: string;
  mission_critical: number;
  kind: MoveKind;
}

const operationOf = (r: OperationRow): MaintenanceOperation => ({
  id: r.id,
  hostId: r.host_id,
  actor: r.actor,
  startedAt: r.started_at,
  exitedAt: r.exited_at,
  exitReport: r.exit_report ? (JSON.parse(r.exit_report) as MaintenanceExitReport) : null,
  reportDismissedAt: r.report_dismissed_at ?? null,
  cancelPending: r.cancel_pending === 1,
  failback: r.failback,
  failbackId: r.failback_id,
});

/** Maintenance operations and the moves of their evacuations (schema 010). */
export class MaintenanceOperationRepository {
  constructor(private readonly db: WritableDb) {}

  /** Runs writes as one transaction: none of them exists without the others. */
  atomically<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  begin(op: Pick<MaintenanceOperation, 'id' | 'hostId' | 'actor' | 'startedAt'>): void {
    this.db
      .prepare('INSERT INTO maintenance_operations (id, host_id, actor, started_at) VALUES (?, ?, ?, ?)')
      .run(op.id, op.hostId, op.actor, op.startedAt);
  }

  addMove(move: MaintenanceMove): void {
    this.db
      .prepare('INSERT INTO maintenance_moves (operation_id, task_id, vm_id, vm_name, mission_critical, kind) VALUES (?, ?, ?, ?, ?, ?)')
      .run(move.operationId, move.taskId, move.vmId, move.vmName, move.missionCritical ? 1 : 0, move.kind);
  }

  moves(operationId: string): MaintenanceMove[] {
    const rows = this.db.prepare('SELECT * FROM maintenance_moves WHERE operation_id = ? ORDER BY rowid').all(operationId) as MoveRow[];
    return rows.map((r) => ({
      operationId: r.operation_id,
      taskId: r.task_id,
      vmId: r.vm_id,
      vmName: r.vm_name,
      missionCritical: r.mission_critical === 1,
      kind: r.kind,
    }));
  }

  get(id: string): MaintenanceOperation | null {
    const row = this.db.prepare('SELECT * FROM maintenance_operations WHERE id = ?').get(id) as OperationRow | undefined;
    return row ? operationOf(row) : null;
  }

  /** The host's newest operation, whether it is still in maintenance or not. */
  latestFor(hostId: string): MaintenanceOperation | null {
    const row = this.db
      .prepare('SELECT * FROM maintenance_operations WHERE host_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1')
      .get(hostId) as OperationRow | undefined;
    return row ? operationOf(row) : null;
  }

  /**
   * The host's earlier operations whose failback offer nobody answered (neither requested nor
   * declined) before the host entered maintenance again, newest first: the next offer carries them.
   */
  unansweredBefore(operation: Pick<MaintenanceOperation, 'id' | 'hostId'>): MaintenanceOperation[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM maintenance_operations WHERE host_id = ? AND failback = 'offered' AND exited_at IS NOT NULL
           AND rowid < (SELECT rowid FROM maintenance_operations WHERE id = ?) ORDER BY rowid DESC`,
      )
      .all(operation.hostId, operation.id) as OperationRow[];
    return rows.map(operationOf);
  }

  /** The operations one failback answered (a maintenance and the earlier offers it carried), newest first. */
  answeredBy(failbackId: string): MaintenanceOperation[] {
    const rows = this.db
      .prepare('SELECT * FROM maintenance_operations WHERE failback_id = ? ORDER BY rowid DESC')
      .all(failbackId) as OperationRow[];
    return rows.map(operationOf);
  }

  /** Every host's last operation, ended or not (the maintenance panel links the last one to its audit trail). */
  lastOfEachHost(): MaintenanceOperation[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM maintenance_operations o
           WHERE rowid = (SELECT MAX(rowid) FROM maintenance_operations WHERE host_id = o.host_id)`,
      )
      .all() as OperationRow[];
    return rows.map(operationOf);
  }

  /**
   * Hosts whose last operation ended with something still to say (a report not closed, a failback to offer,
   * under way, or that left VMs to answer for; one declined after a failback began may still be running).
   */
  open(): MaintenanceOperation[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM maintenance_operations o WHERE exited_at IS NOT NULL
           AND (failback IN ('none', 'offered', 'requested') OR failback_id IS NOT NULL OR (exit_report IS NOT NULL AND report_dismissed_at IS NULL))
           AND rowid = (SELECT MAX(rowid) FROM maintenance_operations WHERE host_id = o.host_id)`,
      )
      .all() as OperationRow[];
    return rows.map(operationOf);
  }

  exited(id: string, at: string, report: MaintenanceExitReport | null, cancelPending: boolean, failback: FailbackState): void {
    this.db
      .prepare('UPDATE maintenance_operations SET exited_at = ?, exit_report = ?, cancel_pending = ?, failback = ? WHERE id = ?')
      .run(at, report ? JSON.stringify(report) : null, cancelPending ? 1 : 0, failback, id);
  }

  reportDismissed(id: string, at: string): void {
    this.db.prepare('UPDATE maintenance_operations SET report_dismissed_at = ? WHERE id = ?').run(at, id);
  }

  cancelsSent(id: string): void {
    this.db.prepare('UPDATE maintenance_operations SET cancel_pending = 0 WHERE id = ?').run(id);
  }

  withCancelPending(): MaintenanceOperation[] {
    return (this.db.prepare('SELECT * FROM maintenance_operations WHERE cancel_pending = 1').all() as OperationRow[]).map(operationOf);
  }

  setFailback(id: string, failback: FailbackState, failbackId: string | null): void {
    this.db.prepare('UPDATE maintenance_operations SET failback = ?, failback_id = ? WHERE id = ?').run(failback, failbackId, id);
  }
}
