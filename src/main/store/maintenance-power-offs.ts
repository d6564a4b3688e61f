import type { PowerOffState, PowerOffStatus } from '../../shared/model/operations';
import type { WritableDb } from './database';

/** Why the VM is powered off: the evacuation moves it off its host, the failback back home (schema 018). */
export type PowerOffPurpose = 'evacuation' | 'failback';

/** One "power off and move cold" of a VM a maintenance left behind, or its failback could not move back live (schema 014). */
export interface PowerOffRecord {
  id: string;
  operationId: string;
  purpose: PowerOffPurpose;
  /** Where the VM runs when asked. */
  hostId: string;
  /** Where it moves: the failback's home host; null for the evacuation, whose planner picks one. */
  destHostId: string | null;
  vmId: string;
  vmName: string;
  actor: string;
  powerOnAfter: boolean;
  forced: boolean;
  state: PowerOffState;
  taskId: string | null;
  error: PowerOffStatus['error'];
  requestedAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  operation_id: string;
  purpose: PowerOffPurpose;
  host_id: string;
  dest_host_id: string | null;
  vm_id: string;
  vm_name: string;
  actor: string;
  power_on_after: number;
  forced: number;
  state: PowerOffState;
  task_id: string | null;
  error: string | null;
  requested_at: string;
  updated_at: string;
}

const recordOf = (r: Row): PowerOffRecord => ({
  id: r.id,
  operationId: r.operation_id,
  purpose: r.purpose,
  hostId: r.host_id,
  destHostId: r.dest_host_id,
  vmId: r.vm_id,
  vmName: r.vm_name,
  actor: r.actor,
  powerOnAfter: r.power_on_after === 1,
  forced: r.forced === 1,
  state: r.state,
  taskId: r.task_id,
  error: r.error ? (JSON.parse(r.error) as PowerOffStatus['error']) : null,
  requestedAt: r.requested_at,
  updatedAt: r.updated_at,
});

/** The states in which Ferry still owes the VM a step: a start after a crash picks them up. */
export const inFlightStates: readonly PowerOffState[] = ['shutting-down', 'powering-off', 'moving'];

export class MaintenancePowerOffRepository {
  constructor(private readonly db: WritableDb) {}

  begin(record: Omit<PowerOffRecord, 'taskId' | 'error' | 'updatedAt'>): void {
    this.db
      .prepare(
        `INSERT INTO maintenance_power_offs (id, operation_id, purpose, host_id, dest_host_id, vm_id, vm_name, actor, power_on_after, forced, state, requested_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.operationId,
        record.purpose,
        record.hostId,
        record.destHostId,
        record.vmId,
        record.vmName,
        record.actor,
        record.powerOnAfter ? 1 : 0,
        record.forced ? 1 : 0,
        record.state,
        record.requestedAt,
        record.requestedAt,
      );
  }

  /** Moves a power-off to its next state; the error is kept only with the state that has one. */
  advance(
    id: string,
    at: string,
    state: PowerOffState,
    changes: { taskId?: string; error?: PowerOffStatus['error']; forced?: boolean } = {},
  ): void {
    this.db
      .prepare(
        `UPDATE maintenance_power_offs SET state = ?, updated_at = ?, error = ?, task_id = COALESCE(?, task_id), forced = COALESCE(?, forced)
         WHERE id = ?`,
      )
      .run(
        state,
        at,
        changes.error ? JSON.stringify(changes.error) : null,
        changes.taskId ?? null,
        changes.forced === undefined ? null : changes.forced ? 1 : 0,
        id,
      );
  }

  get(id: string): PowerOffRecord | null {
    const row = this.db.prepare('SELECT * FROM maintenance_power_offs WHERE id = ?').get(id) as Row | undefined;
    return row ? recordOf(row) : null;
  }

  /** The newest power-off of each VM of a maintenance operation (its evacuation's, or its failback's), by VM id. */
  latestByVm(operationId: string, purpose: PowerOffPurpose): Map<string, PowerOffRecord> {
    const rows = this.db
      .prepare('SELECT * FROM maintenance_power_offs WHERE operation_id = ? AND purpose = ? ORDER BY rowid')
      .all(operationId, purpose) as Row[];
    return new Map(rows.map((r) => [r.vm_id, recordOf(r)]));
  }

  inFlight(): PowerOffRecord[] {
    const marks = inFlightStates.map(() => '?').join(', ');
    return (
      this.db.prepare(`SELECT * FROM maintenance_power_offs WHERE state IN (${marks}) ORDER BY rowid`).all(...inFlightStates) as Row[]
    ).map(recordOf);
  }
}
