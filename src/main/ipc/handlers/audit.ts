import type { Exports } from '../../operations/exports';
import type { AuditLog } from '../../store/audit/audit-log';
import type { AuditReader } from '../../store/audit/audit-reader';
import type { Handlers } from '../router';

export function auditHandlers(
  audit: AuditLog,
  reader: AuditReader,
  exports: Exports,
): Pick<Handlers, 'audit.query' | 'audit.verify' | 'audit.exportCsv' | 'tasks.exportTimeline'> {
  return {
    'audit.query': ({ filter, page, pageSize, sort }) => reader.page(filter, sort, page, pageSize),
    'audit.verify': () => audit.verify(),
    'audit.exportCsv': ({ filter }, context) => exports.auditCsv(filter, context.actor),
    'tasks.exportTimeline': ({ taskId }, context) => exports.taskTimeline(taskId, context.actor),
  };
}
