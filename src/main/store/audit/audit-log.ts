import { AuditEntry, type AuditEntryInput, type AuditRecord, type AuditVerification } from '../../../shared/model/audit';
import type { AuditKey, AuditKeyStore } from '../../base/audit-key';
import type { Clock } from '../../base/clock/clock';
import { Emitter } from '../../base/emitter';
import { type AuditRepository } from './audit-repository';
import { verifyChain } from './chain-verify';
import { chainHash, genesisHash, headSeal } from './hash-chain';

/**
 * The append-only, hash-chained audit trail, keyed with a key kept outside the database. Appends
 * are synchronous SQLite transactions: when append returns, the record is on disk.
 */
export class AuditLog {
  /** A record was appended (and is on disk). */
  readonly appended = new Emitter<AuditRecord>();
  private readonly chain: AuditKey;

  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
    keys: AuditKeyStore,
  ) {
    const found = keys.load();
    if (found) {
      this.chain = found;
      return;
    }
    const last = this.repo.last();
    this.chain = keys.create((last?.id ?? 0) + 1);
    if (!last) {
      // An empty trail starts sealed, so that deleting the head is never the state of a new console.
      this.repo.setHead(this.sealed({ id: 0, hash: genesisHash }));
      return;
    }
    this.append({
      actor: 'Ferry',
      action: 'audit.keyed',
      outcome: 'completed',
      details:
        `records 1–${last.id} were chained with plain SHA-256 and stay verifiable as they are; from ${last.id + 1} on ` +
        `the chain is keyed (HMAC-SHA256, the key sealed in ${keys.where})`,
    });
  }

  append(input: AuditEntryInput): AuditRecord {
    const entry = wholeNumbers(AuditEntry.parse(input));
    const record = this.repo.atomically(() => {
      const gap = this.gapBeforeAppend();
      // Extending a cut chain would seal the cut: the console records what it found first.
      if (gap) this.insert(AuditEntry.parse({ actor: 'Ferry', action: 'audit.gap-found', outcome: 'broken', details: gap }));
      return this.insert(entry);
    });
    this.appended.emit(record);
    return record;
  }

  /** Walks the chain in id order; reports the first record whose link or content does not hold, and the head. */
  verify(): AuditVerification {
    return verifyChain(this.repo, this.chain);
  }

  /** The newest record's id and hash, for exports and the audit view. */
  head(): { id: number; hash: string } | null {
    const head = this.repo.head();
    return head ? { id: head.id, hash: head.hash } : null;
  }

  private insert(entry: AuditEntry): AuditRecord {
    const last = this.repo.last();
    const unhashed = {
      ...entry,
      id: (last?.id ?? 0) + 1,
      time: new Date(this.clock.now()).toISOString(),
      prevHash: last?.hash ?? genesisHash,
    };
    const full: AuditRecord = { ...unhashed, hash: chainHash(this.chain, unhashed) };
    this.repo.insert(full);
    // The head is kept apart from the table and sealed, so removing the newest records shows too.
    this.repo.setHead(this.sealed({ id: full.id, hash: full.hash }));
    return full;
  }

  /** Why the stored head does not match the newest record (records removed, or the head rewritten), or null. */
  private gapBeforeAppend(): string | null {
    const last = this.repo.last() ?? { id: 0, hash: genesisHash };
    const head = this.repo.head();
    if (!head) return `the stored head was missing before record ${last.id + 1}: records may have been removed`;
    // The head of a trail chained before keys is unsealed until the switch record seals it.
    const sealOk = head.seal === null ? head.id < this.chain.keyedFrom : head.seal === headSeal(this.chain.key, head);
    if (!sealOk) return `the stored head (record ${head.id}) was not sealed by this console's key: it was rewritten`;
    if (head.id !== last.id || head.hash !== last.hash)
      return `the stored head named record ${head.id}, but the newest record was ${last.id}: records were removed or changed`;
    return null;
  }

  private sealed(head: { id: number; hash: string }) {
    return { ...head, seal: headSeal(this.chain.key, head) };
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
