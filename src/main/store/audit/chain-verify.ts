import type { AuditVerification } from '../../../shared/model/audit';
import type { AuditKey } from '../../base/audit-key';
import { toRecord, type AuditRepository } from './audit-repository';
import { chainHash, genesisHash, headSeal } from './hash-chain';

/**
 * Walks the chain in id order (each record under its scheme: plain SHA-256 before the key's
 * switch point, HMAC from it), then checks the sealed head against the newest record. A missing
 * head, a head the key did not seal, and a gap the console found while appending are all breaks.
 */
export function verifyChain(repo: AuditRepository, chain: AuditKey): AuditVerification {
  let expectedPrev = genesisHash;
  let expectedId = 1;
  let checked = 0;
  let gap: { id: number; details: string } | null = null;
  const keyedFrom = chain.keyedFrom;
  const broken = (firstBrokenId: number, reason: string): AuditVerification => ({
    ok: false,
    checked,
    firstBrokenId,
    reason,
    head: null,
    keyedFrom,
  });
  for (const row of repo.iterateAll()) {
    const record = toRecord(row);
    if (record.id !== expectedId) return broken(record.id, `record ${expectedId} is missing`);
    if (record.prevHash !== expectedPrev) return broken(record.id, 'link to the previous record does not match');
    const { hash, ...unhashed } = record;
    if (chainHash(chain, unhashed) !== hash) return broken(record.id, 'record content does not match its hash');
    if (record.action === 'audit.gap-found' && !gap) gap = { id: record.id, details: record.details ?? '' };
    expectedPrev = hash;
    expectedId += 1;
    checked += 1;
  }
  const lastId = expectedId - 1;
  const head = repo.head();
  if (!head) return broken(Math.max(1, lastId), 'the stored head is missing: the newest records may have been removed');
  if (head.seal === null ? head.id >= keyedFrom : head.seal !== headSeal(chain.key, head))
    return broken(
      Math.min(head.id, lastId + 1) || 1,
      `the stored head (record ${head.id}) is not sealed by the audit key: it was rewritten`,
    );
  if (head.id !== lastId || head.hash !== expectedPrev)
    return broken(
      Math.max(1, Math.min(head.id, expectedId)),
      `the newest record should be ${head.id}; records after ${lastId} are missing or changed`,
    );
  if (lastId < keyedFrom - 1) return broken(Math.max(1, lastId), `the audit key was made after record ${keyedFrom - 1}, which is missing`);
  if (gap) return broken(gap.id, `records were removed before record ${gap.id}: ${gap.details}`);
  return { ok: true, checked, firstBrokenId: null, reason: null, head: { id: head.id, hash: head.hash }, keyedFrom };
}
