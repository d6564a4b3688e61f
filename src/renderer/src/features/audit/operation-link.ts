import type { AuditOperationLink, AuditOperationPart } from '../../../../shared/model/audit-operation';
import type { AuditScope } from '../../state/audit-focus';

const partWords: Record<AuditOperationPart, string> = { maintenance: 'Maintenance', failback: 'Failback', batch: 'Batch' };

/** An id as short as a glance needs ("3f2a9c1e"): a maintenance and its failback show the same one. */
const shortId = (id: string): string => id.slice(0, 8);

/** What the Operation cell says: "Maintenance 3f2a9c1e", "Failback 3f2a9c1e", "Batch 7b0d4e22". */
export const operationWords = (link: AuditOperationLink): string => `${partWords[link.part]} ${shortId(link.operation)}`;

/** What a click on the cell does, for its title and its accessible name (which starts with the cell's words). */
export const operationShows = (link: AuditOperationLink): string =>
  link.part === 'batch' ? 'show the records of its moves' : 'show the maintenance and its failback together';

/**
 * The trail scoped to the record's operation, under the chip: a maintenance's records and its
 * failback's together, whichever of the two the admin clicked.
 */
export function operationScope(link: AuditOperationLink): AuditScope {
  const short = shortId(link.operation);
  return { operation: link.operation, label: link.part === 'batch' ? `Batch ${short}` : `Maintenance ${short} and its failback` };
}
