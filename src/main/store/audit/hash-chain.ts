import { createHash, createHmac } from 'node:crypto';
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

const canonical = (record: Omit<AuditRecord, 'hash'>): string => JSON.stringify(hashedFields.map((field) => record[field] ?? null));

/**
 * The first scheme: SHA-256 over the previous record's hash and this record's fields. Editing or
 * removing a record breaks the chain after it, but anyone can recompute it; records chained before
 * the key was made keep it.
 */
export function recordHash(record: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(canonical(record)).digest('hex');
}

/** HMAC-SHA256 with the audit key (outside the database): only the console can chain a record. */
export function keyedRecordHash(key: Buffer, record: Omit<AuditRecord, 'hash'>): string {
  return createHmac('sha256', key).update(canonical(record)).digest('hex');
}

/** The record's hash under the scheme its id falls in. */
export function chainHash(chain: { key: Buffer; keyedFrom: number }, record: Omit<AuditRecord, 'hash'>): string {
  return record.id >= chain.keyedFrom ? keyedRecordHash(chain.key, record) : recordHash(record);
}

/** Seals the stored head: a head moved back to an older record (the newer ones deleted) does not match. */
export function headSeal(key: Buffer, head: { id: number; hash: string }): string {
  return createHmac('sha256', key)
    .update(JSON.stringify(['audit-head', head.id, head.hash]))
    .digest('hex');
}
