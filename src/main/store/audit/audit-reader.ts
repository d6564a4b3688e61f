import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import type { AuditFilter, AuditRecord } from '../../../shared/model/audit';
import type { ReadonlyDb } from '../database';
import { toRecord, type AuditRow } from './audit-repository';
import { orderOf, whereOf, type AuditSort } from './audit-query';
import { inProcessEncoder, workerEncoder, writeBlocks } from './csv-blocks';

export interface AuditPage {
  rows: AuditRecord[];
  total: number;
}

/** The read side of the audit trail: pages for the view, and streamed exports. */
export class AuditReader {
  /** `workerScript`: the built export worker; without it the export encodes on this thread. */
  constructor(
    private readonly db: ReadonlyDb,
    private readonly workerScript: string | null = null,
  ) {}

  page(filter: AuditFilter, sort: AuditSort, page: number, pageSize: number): AuditPage {
    const where = whereOf(filter);
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM audit ${where.sql}`).get(...where.params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM audit ${where.sql} ${orderOf(sort)} LIMIT ? OFFSET ?`)
      .all(...where.params, pageSize, page * pageSize) as AuditRow[];
    return { rows: rows.map(toRecord), total };
  }

  /**
   * Writes the filtered records as CSV, oldest first. Worker threads (one per core, two at most)
   * read and encode blocks of records on read-only connections, so a long export neither holds
   * the records in memory nor blocks the engine's writes; this thread only writes.
   */
  async exportCsv(filter: AuditFilter, out: Writable): Promise<number> {
    const where = whereOf(filter);
    const range = this.db.prepare(`SELECT MIN(id) AS min, MAX(id) AS max FROM audit ${where.sql}`).get(...where.params) as {
      min: number | null;
      max: number | null;
    };
    const query = { dbFile: this.db.name, where: where.sql, params: where.params };
    const threads = Math.max(1, Math.min(2, availableParallelism()));
    const encoders = this.workerScript
      ? Array.from({ length: threads }, () => workerEncoder(this.workerScript as string, query))
      : [inProcessEncoder(query)];
    try {
      return await writeBlocks(out, range.min ?? 1, range.max ?? 0, encoders);
    } finally {
      await Promise.all(encoders.map((e) => e.close()));
    }
  }
}
