import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { AuditReader } from '../src/main/store/audit/audit-reader';
import { genesisHash, recordHash } from '../src/main/store/audit/hash-chain';
import { openDatabase, openReadonlyDatabase } from '../src/main/store/database';
import { AuditRepository } from '../src/main/store/audit/audit-repository';
import type { AuditRecord } from '../src/shared/model/audit';
import { record, size, smoke } from './harness';

it('exports a million audit records to CSV with flat memory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-audit-'));
  try {
    const db = openDatabase(join(dir, 'ferry.db'));
    const repo = new AuditRepository(db);
    const total = size(1_000_000, 10_000);
    // Filling the table goes through the same hashing as the log, in one transaction for speed.
    db.transaction(() => {
      let prev = genesisHash;
      for (let id = 1; id <= total; id++) {
        const unhashed: Omit<AuditRecord, 'hash'> = {
          id,
          time: new Date(Date.UTC(2026, 0, 1) + id * 1000).toISOString(),
          actor: id % 7 ? 'alice' : 'scheduler (on behalf of bob)',
          action: 'migration.finished',
          vmId: `vm-${id % 40_000}`,
          vmName: `DC0_C0_H${id % 50}_VM${id % 20}`,
          sourceHost: `DC0_C0_H${id % 50}`,
          destHost: `DC0_C0_H${(id + 7) % 50}`,
          datastores: 'DC0_C0_DS0',
          priority: 'default',
          taskId: `task-${id}`,
          outcome: 'completed',
          durationMs: 12_345 + (id % 1000),
          downtimeMs: 40 + (id % 200),
          observedDowntimeMs: null,
          bytesTransferred: 8_589_934_592 + id,
          iterations: 3,
          errorCode: null,
          errorMessage: null,
          details: id % 100 ? null : 'schedule "weekend rebalance", late by 3 s',
          prevHash: prev,
        };
        const full = { ...unhashed, hash: recordHash(unhashed) };
        repo.insert(full);
        prev = full.hash;
      }
    })();
    // The worker threads as the app runs them (npm run bench builds first).
    const worker = join(__dirname, '..', 'out', 'main', 'audit-export-worker.js');
    const reader = new AuditReader(openReadonlyDatabase(db.name), existsSync(worker) ? worker : null);
    const mode = existsSync(worker) ? 'worker threads' : 'one thread';
    /** Exports the records up to `lastId`; returns its time and how much the process grew meanwhile. */
    const exportUpTo = async (lastId: number) => {
      const file = join(dir, `audit-${lastId}.csv`);
      const out = createWriteStream(file);
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const start = performance.now();
      const rows = await reader.exportCsv({ to: new Date(Date.UTC(2026, 0, 1) + lastId * 1000).toISOString() }, out);
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      const ms = performance.now() - start;
      clearInterval(sampler);
      return { rows, ms, growthMiB: (peak - before) / 1024 ** 2, sizeMiB: statSync(file).size / 1024 ** 2 };
    };
    const quarter = await exportUpTo(total / 4);
    const all = await exportUpTo(total);
    db.close();
    record({
      name: `audit: export ${all.rows.toLocaleString('en')} records to CSV (${all.sizeMiB.toFixed(0)} MiB, ${mode})`,
      value: all.ms,
      unit: 'ms',
      goal: smoke ? null : 5000,
      better: 'lower',
    });
    // Flat memory: four times the records must not need more memory (workers' heaps are a fixed cost).
    record({
      name: `audit: memory growth exporting ${all.rows.toLocaleString('en')} vs ${quarter.rows.toLocaleString('en')} records (${all.growthMiB.toFixed(0)} vs ${quarter.growthMiB.toFixed(0)} MiB)`,
      value: all.growthMiB / Math.max(1, quarter.growthMiB),
      unit: '×',
      goal: smoke ? null : 1.5,
      better: 'lower',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
