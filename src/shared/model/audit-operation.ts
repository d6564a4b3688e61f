import type { AuditRecord } from './audit';

/** Which part of an operation a record tells of: a maintenance, the failback that undoes it, or a batch of moves. */
export type AuditOperationPart = 'maintenance' | 'failback' | 'batch';

/** The operation an audit record belongs to, as the Audit view links it. */
export interface AuditOperationLink {
  /**
   * What scopes the trail (AuditFilter.operation): a maintenance's id for its failback's records too,
   * so that one click shows the maintenance and its failback together; else the batch's id.
   */
  operation: string;
  part: AuditOperationPart;
}

// How main writes the operation into `details` (maintenance.ts, cold-move-routes.ts, task-audit.ts's taskScope):
/** "failback <id> of maintenance operation <id>" (its request), "failback of maintenance operation <id>" (its moves' and cold moves' notes). */
const failbackOf = /\bfailback (?:[\w-]+ )?of maintenance operation ([\w-]+)/;
/** The maintenance's own records, its evacuation's notes and cold moves; the first named is its own (a declined failback names the earlier ones it carried after it). */
const maintenanceOf = /\bmaintenance operation ([\w-]+)/;
/** A move's records after its request: "operation <id>" only when it serves an operation that is not its batch, which only a failback's moves do. */
const servedOperation = /(?:^|; )operation ([\w-]+)/;
const batchOf = /(?:^|; )batch ([\w-]+)/;
/** An evacuation's moves name only their batch (the operation's id): their initiator, or a cancel on leaving, says it is a maintenance. */
const maintenanceActor = /^maintenance of |\(leaving maintenance\)$/;

/** The maintenance, failback or batch a maintenance or migration record belongs to; null for any other record. */
export function auditOperationOf(record: Pick<AuditRecord, 'action' | 'actor' | 'details'>): AuditOperationLink | null {
  const { details } = record;
  if (!details || !(record.action.startsWith('maintenance.') || record.action.startsWith('migration.'))) return null;
  const failback = failbackOf.exec(details) ?? servedOperation.exec(details);
  if (failback) return { operation: failback[1] as string, part: 'failback' };
  const maintenance = maintenanceOf.exec(details);
  // A declined failback names only the maintenance: it is the failback's answer all the same.
  if (maintenance)
    return { operation: maintenance[1] as string, part: record.action.startsWith('maintenance.failback-') ? 'failback' : 'maintenance' };
  const batch = batchOf.exec(details);
  if (!batch) return null;
  return { operation: batch[1] as string, part: maintenanceActor.test(record.actor) ? 'maintenance' : 'batch' };
}
