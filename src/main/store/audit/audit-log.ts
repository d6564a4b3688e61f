import { AuditEntry, type AuditEntryInput, type AuditRecord, type AuditVerification } from '../../../shared/model/audit';
import type { Clock } from '../../base/clock/clock';
import { Emitter } from '../../base/emitter';
import { toRecord, type AuditRepository } from './audit-repository';
import { genesisHash, recordHash } from './hash-chain';

/**
 * The append-only, hash-chained audit trail. Appends are synchronous SQLite transactions: when
 * append returns, the record is on disk.
 */
export class AuditLog {
  /** A record was appended (and is on disk). */
  readonly appended = new Emitter<AuditRecord>();

  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
  ) {}

  append(input: AuditEntryInput): AuditRecord {
    const entry = wholeNumbers(AuditEntry.parse(input));
    const record = this.repo.atomically(() => {
      const last = this.repo.last();
      const unhashed = {
        ...entry,
        id: (last?.id ?? 0) + 1,
        time: new Date(this.clock.now()).toISOString(),
        prevHash: last?.hash ?? genesisHash,
      };
      const full: AuditRecord = { ...unhashed, hash: recordHash(unhashed) };
      this.repo.insert(full);
      // The head is kept apart from the table, so removing the newest records shows too.
      this.repo.setHead({ id: full.id, hash: full.hash });
      return full;
    });
    this.appended.emit(record);
    return record;
  }

  /** Walks the chain in id order; reports the first record whose link or content does not hold. */
  verify(): AuditVerification {
    let expectedPrev = genesisHash;
    let expectedId = 1;
    let checked = 0;
    for (const row of this.repo.iterateAll()) {
      const record = toRecord(row);
      if (record.id !== expectedId) return { ok: false, checked, firstBrokenId: record.id, reason: `record ${expectedId} is missing` };
      if (record.prevHash !== expectedPrev)
        return { ok: false, checked, firstBrokenId: record.id, reason: 'link to the previous record does not match' };
      const { hash, ...unhashed } = record;
      if (recordHash(unhashed) !== hash)
        return { ok: false, checked, firstBrokenId: record.id, reason: 'record content does not match its hash' };
      expectedPrev = hash;
      expectedId += 1;
      checked += 1;
    }
    const head = this.repo.head();
    if (head && (head.id !== expectedId - 1 || head.hash !== expectedPrev)) {
      return {
        ok: false,
        checked,
        firstBrokenId: Math.min(head.id, expectedId),
        reason: `the newest record should be ${head.id}; records after ${expectedId - 1} are missing or changed`,
      };
    }
    return { ok: true, checked, firstBrokenId: null, reason: null };
  }
}

/** Milliseconds, bytes and passes are recorded (and hashed, and exported) as whole numbers: a fraction of either means nothing. */
function wholeNumbers(entry: AuditEntry): AuditEntry {
  const round = (x: number | null): number | null => (x === null ? null : Math.round(x));
  return {
    ...entry,
    durationMs: round(entry.durationMs),
    downtimeMs: round(entry.downtimeMs),
    observedDowntimeMs: round(entry.observedDowntimeMs),
    bytesTransferred: round(entry.bytesTransferred),
    iterations: round(entry.iterations),
  };
}
