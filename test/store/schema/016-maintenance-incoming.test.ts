import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { MaintenanceRepository } from '../../../src/main/store/maintenance';
import { migrations } from '../../../src/main/store/schema';
import { useTempDirs } from '../../helpers/temp-dir';

describe('schema migration 016 (moves into a host entering maintenance)', () => {
  const tempDir = useTempDirs();

  it('reads an evacuation recorded before it as having no moves in, and keeps those recorded after across a reopen', () => {
    const file = join(tempDir(), 'ferry.db');
    const old = openDatabase(
      file,
      migrations.filter((m) => m.version <= 15),
    );
    old
      .prepare(
        "INSERT INTO maintenance (host_id, state, actor, total, task_ids, blocked) VALUES ('h1', 'entering', 'ann', 1, '[\"t1\"]', '[]')",
      )
      .run();
    old.close();
    const db = openDatabase(file);
    const repo = new MaintenanceRepository(db);
    const before = repo.evacuation('h1');
    expect(before).toMatchObject({ taskIds: ['t1'], incoming: [] });
    repo.setEvacuation('h1', { ...before!, incoming: [{ taskId: 't0', vmName: 'VM0', cancelled: true }] });
    expect(() => db.prepare("UPDATE maintenance SET incoming = 'not json' WHERE host_id = 'h1'").run()).toThrow(/CHECK/);
    db.close();
    const again = openDatabase(file);
    expect(new MaintenanceRepository(again).evacuation('h1')?.incoming).toEqual([{ taskId: 't0', vmName: 'VM0', cancelled: true }]);
    again.close();
  });
});
