import type { MaintenanceState } from '../../shared/model/inventory';
import type { BlockedVm } from '../../shared/model/operations';

/** A move into the host that was running when it began entering maintenance. */
export interface IncomingMove {
  taskId: string;
  vmName: string;
  /** Cancelled then (not switched over yet); else it was left to land, then evacuated. */
  cancelled: boolean;
}
import type { WritableDb } from './database';

/** The evacuation that entering maintenance started, kept until the host leaves maintenance. */
export interface Evacuation {
  /** The maintenance operation (maintenance_operations), null for one started before schema 010. */
  operationId: string | null;
  actor: string;
  total: number;
  taskIds: string[];
  blocked: BlockedVm[];
  /** The moves into the host under way when it began entering (none before schema 016). */
  incoming: IncomingMove[];
}

interface Row {
  host_id: string;
  state: Exclude<MaintenanceState, 'off'>;
  actor: string | null;
  total: number | null;
  task_ids: string | null;
  blocked: string | null;
  operation_id: string | null;
  incoming: string | null;
}

/** Hosts in (or entering) maintenance; a host without a row is not in maintenance. */
export class MaintenanceRepository {
  constructor(private readonly db: WritableDb) {}

  states(): Map<string, MaintenanceState> {
    const rows = this.db.prepare('SELECT host_id, state FROM maintenance').all() as Pick<Row, 'host_id' | 'state'>[];
    return new Map(rows.map((r) => [r.host_id, r.state]));
  }

  setState(hostId: string, state: MaintenanceState): void {
    if (state === 'off') this.db.prepare('DELETE FROM maintenance WHERE host_id = ?').run(hostId);
    else
      this.db
        .prepare('INSERT INTO maintenance (host_id, state) VALUES (?, ?) ON CONFLICT(host_id) DO UPDATE SET state = excluded.state')
        .run(hostId, state);
  }

  evacuation(hostId: string): Evacuation | null {
    const row = this.db.prepare('SELECT * FROM maintenance WHERE host_id = ?').get(hostId) as Row | undefined;
    if (!row || row.total === null) return null;
    return {
      operationId: row.operation_id,
      actor: row.actor ?? 'ferry',
      total: row.total,
      taskIds: JSON.parse(row.task_ids ?? '[]') as string[],
      blocked: JSON.parse(row.blocked ?? '[]') as BlockedVm[],
      incoming: JSON.parse(row.incoming ?? '[]') as IncomingMove[],
    };
  }

  /** Records the evacuation of a host already entering maintenance. */
  setEvacuation(hostId: string, evacuation: Evacuation): void {
    this.db
      .prepare('UPDATE maintenance SET operation_id = ?, actor = ?, total = ?, task_ids = ?, blocked = ?, incoming = ? WHERE host_id = ?')
      .run(
        evacuation.operationId,
        evacuation.actor,
        evacuation.total,
        JSON.stringify(evacuation.taskIds),
        JSON.stringify(evacuation.blocked),
        JSON.stringify(evacuation.incoming),
        hostId,
      );
  }
}
