import { createHash } from 'node:crypto';
import type { AuditRecord } from '../../../shared/model/audit';

export const genesisHash = '0'.repeat(64);

/** Every field but the hash, in a fixed order, so the same record always hashes the same. */
const hashedFields = [
  'id',
  'time',
  'actor',
  'action',
  'vmId',
  'vmName',
  'sourceHost',
  'destHost',
  'datastores',
  'priority',
  'taskId',
  'outcome',
  'durationMs',
  'downtimeMs',
  'observedDowntimeMs',
  'bytesTransferred',
  'iterations',
  'errorCode',
  'errorMessage',
  'details',
  'prevHash',
] as const satisfies readonly (keyof AuditRecord)[];

/** SHA-256 over the previous record's hash and this record's fields: editing or removing any record breaks the chain after it. */
export function recordHash(record: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify(hashedFields.map((field) => record[field] ?? null)))
    .digest('hex');
}
