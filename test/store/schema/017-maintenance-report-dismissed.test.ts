import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { MaintenanceOperationRepository } from '../../../src/main/store/maintenance-operations';
import { migrations } from '../../../src/main/store/schema';
import { useTempDirs } from '../../helpers/temp-dir';

describe('schema migration 017 (maintenance report dismissed)', () => {
  const tempDir = useTempDirs();

  it('reads a report left before it as not dismissed, and keeps a dismissal across a reopen', () => {
    const file = join(tempDir(), 'ferry.db');
    const old = openDatabase(
      file,
      migrations.filter((m) => m.version <= 16),
    );
    old
      .prepare(
        "INSERT INTO maintenance_operations (id, host_id, actor, started_at, exited_at, exit_report) VALUES ('op', 'h1', 'ann', 't0', 't1', ?)",
      )
      .run(JSON.stringify({ cancelled: ['VM1'], finishing: [], moved: [] }));
    old.close();
    const db = openDatabase(file);
    const repo = new MaintenanceOperationRepository(db);
    expect(repo.latestFor('h1')).toMatchObject({ exitReport: { cancelled: ['VM1'] }, reportDismissedAt: null });
    repo.reportDismissed('op', 't2');
    db.close();
    const again = openDatabase(file);
    expect(new MaintenanceOperationRepository(again).latestFor('h1')).toMatchObject({
      exitReport: { cancelled: ['VM1'] },
      reportDismissedAt: 't2',
    });
    again.close();
  });
});
