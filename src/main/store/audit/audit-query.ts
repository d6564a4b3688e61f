import type { AuditFilter, AuditSortField } from '../../../shared/model/audit';
import { actionsSaying } from '../../../shared/model/audit-words';

export interface AuditSort {
  field: AuditSortField;
  direction: 'asc' | 'desc';
}

/** Sort fields map to columns here, so no text from the renderer ever reaches the SQL. */
const columns: Record<AuditSortField, string> = {
  id: 'id',
  time: 'time',
  actor: 'actor',
  action: 'action',
  vmName: 'vm_name',
  sourceHost: 'source_host',
  destHost: 'dest_host',
  outcome: 'outcome',
  durationMs: 'duration_ms',
};

const escapeLike = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A name filter's LIKE pattern: part of a name, or in quotes ("vm1", 'vm1', “vm1”) the whole name,
 * as the VM list's tag filter reads them; "vm1" alone also found vm10 to vm19 (new-user review 8, m11).
 */
function namePattern(text: string): string {
  const quoted = /^\s*["'“”‘’](.+)["'“”‘’]\s*$/.exec(text);
  if (quoted) return (quoted[1] as string).replace(/[\\%_]/g, (c) => `\\${c}`);
  // A quote left open (as while typing one) or closed alone is no part of the name.
  return escapeLike(text.trim().replace(/^["'“”‘’]+|["'“”‘’]+$/g, ''));
}

/** WHERE clause and parameters for a filter; every value is a bound parameter. */
export function whereOf(filter: AuditFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (filter.from) add('time >= ?', new Date(filter.from).toISOString());
  if (filter.to) add('time <= ?', new Date(filter.to).toISOString());
  if (filter.actor) add("actor LIKE ? ESCAPE '\\'", escapeLike(filter.actor));
  if (filter.vm) add("(vm_name LIKE ? ESCAPE '\\' OR vm_id LIKE ? ESCAPE '\\')", namePattern(filter.vm), namePattern(filter.vm));
  if (filter.host)
    add("(source_host LIKE ? ESCAPE '\\' OR dest_host LIKE ? ESCAPE '\\')", namePattern(filter.host), namePattern(filter.host));
  if (filter.action) add('action = ?', filter.action);
  if (filter.outcome) add('outcome = ?', filter.outcome);
  if (filter.taskId) add('task_id = ?', filter.taskId);
  // Records name their operation in their details (or are the moves whose batch it is, the
  // maintenance's failback batch among them).
  if (filter.operation)
    add(
      "(details LIKE ? ESCAPE '\\' OR details LIKE '%batch ' || (SELECT failback_id FROM maintenance_operations WHERE id = ?) || '%')",
      escapeLike(filter.operation),
      filter.operation,
    );
  if (filter.text) {
    const text = escapeLike(filter.text);
    const searched = [
      'actor',
      'action',
      'vm_name',
      'source_host',
      'dest_host',
      'datastores',
      'outcome',
      'error_code',
      'error_message',
      'details',
      'task_id',
    ];
    // The view shows actions in words: "powered off" finds maintenance.guest-powered-off too.
    const saying = actionsSaying(filter.text);
    const byWords = saying.length > 0 ? ` OR action IN (${saying.map(() => '?').join(', ')})` : '';
    add(`(${searched.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')}${byWords})`, ...searched.map(() => text), ...saying);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export const orderOf = (sort: AuditSort): string =>
  `ORDER BY ${columns[sort.field]} ${sort.direction === 'asc' ? 'ASC' : 'DESC'}, id ${sort.direction === 'asc' ? 'ASC' : 'DESC'}`;
