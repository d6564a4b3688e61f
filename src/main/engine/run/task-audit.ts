import type { AuditEntryInput } from '../../../shared/model/audit';
import type { Task } from '../../../shared/model/migration';
import type { EngineView } from '../planning/view';

export type TaskAuditAction = 'migration.requested' | 'migration.started' | 'migration.finished' | 'migration.recovered';

/** A task's audit record, in the words an admin reads: names, not ids; the outcome only once it finished. */
export function taskAuditEntry(view: EngineView, task: Task, action: TaskAuditAction, details: string | null): AuditEntryInput {
  const finished = action === 'migration.finished';
  const hostName = (id: string) => view.host(id)?.name ?? id;
  const storeName = (id: string) => view.datastore(id)?.name ?? id;
  return {
    actor: task.requestedBy,
    action,
    vmId: task.vmId,
    vmName: task.vmName,
    sourceHost: hostName(task.sourceHostId),
    destHost: hostName(task.destHostId),
    datastores:
      [...task.sourceDatastoreIds.map(storeName), ...(task.destDatastoreId ? [`→ ${storeName(task.destDatastoreId)}`] : [])].join(' ') ||
      null,
    priority: task.priority,
    taskId: task.id,
    outcome: finished ? task.state : null,
    durationMs: finished ? (task.outcome?.durationMs ?? null) : null,
    downtimeMs: finished ? (task.outcome?.downtimeMs ?? null) : null,
    observedDowntimeMs: finished ? (task.outcome?.observedDowntimeMs ?? null) : null,
    bytesTransferred: finished ? (task.outcome?.transferredBytes ?? null) : null,
    iterations: finished ? (task.outcome?.iterations ?? null) : null,
    errorCode: finished ? (task.error?.code ?? null) : null,
    errorMessage: finished ? (task.error?.message ?? null) : null,
    details: withBatch(task, action, details ?? (finished ? finishedDetails(task) : null)),
  };
}

/**
 * Who asked a move to stop and why: its batch (a maintenance's moves: the operation), so the
 * operation's trail shows who cancelled what, after any `reason` of its own.
 */
export function cancelRequestedEntry(view: EngineView, task: Task, actor: string, reason: string | null = null): AuditEntryInput {
  const hostName = (id: string) => view.host(id)?.name ?? id;
  return {
    actor,
    action: 'migration.cancel-requested',
    vmId: task.vmId,
    vmName: task.vmName,
    taskId: task.id,
    sourceHost: hostName(task.sourceHostId),
    destHost: hostName(task.destHostId),
    details: [reason, taskScope(task)].filter(Boolean).join('; ') || null,
  };
}

/**
 * Every record of a move names its batch (for a maintenance's moves: the maintenance operation), so
 * one search of that id shows how each move went, not only that it was asked for (review2 F11); a
 * wizard batch's requests named none (review 10). A maintenance's request already names it in its note.
 */
function withBatch(task: Task, action: TaskAuditAction, details: string | null): string | null {
  const scope = taskScope(task);
  if (!scope || (action === 'migration.requested' && task.batchId && details?.includes(task.batchId))) return details;
  return details ? `${details}; ${scope}` : scope;
}

/**
 * What a move belongs to, as its records after the request say it: its batch and, when that is
 * not the batch, the operation it serves (a failback's moves name the maintenance they undo), so
 * searching a maintenance's id finds every record of its moves and of its failback's.
 */
export function taskScope(task: Pick<Task, 'batchId' | 'operationId'>): string | null {
  const parts = [
    ...(task.batchId ? [`batch ${task.batchId}`] : []),
    ...(task.operationId && task.operationId !== task.batchId ? [`operation ${task.operationId}`] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : null;
}

/**
 * A finished migration's notes: how the guest was verified (`verification=<level>`, first, so a
 * CSV reader finds it), whether its stream was encrypted, then the problems left. Kept in
 * `details` because the audit table's columns change only with a store schema migration;
 * `details` is hashed like every field.
 */
function finishedDetails(task: Task): string | null {
  const verification = task.outcome?.verification ?? null;
  const notes = [
    ...(verification ? [`verification=${verification}`] : []),
    ...(task.options.encryptStream ? ['stream=tls'] : []),
    ...task.problems,
  ];
  return notes.length > 0 ? notes.join('; ') : null;
}
