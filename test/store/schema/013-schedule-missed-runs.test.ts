import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { migrations } from '../../../src/main/store/schema';
import { ScheduleRepository } from '../../../src/main/store/schedules';
import { useTempDirs } from '../../helpers/temp-dir';

describe('schema migration 013 (schedule missed runs)', () => {
  const tempDir = useTempDirs();

  it('keeps schedules made before it (nothing missed) and remembers a missed run across a reopen', () => {
    const file = join(tempDir(), 'ferry.db');
    const old = openDatabase(
      file,
      migrations.filter((m) => m.version <= 11),
    );
    old
      .prepare('INSERT INTO schedules (id, paused, created_by, created_at, last_fired_at, data) VALUES (?, 0, ?, ?, ?, ?)')
      .run('s1', 'alice', '2026-06-01T12:00:00.000Z', '2026-06-02T00:00:00.000Z', JSON.stringify({ name: 'nightly' }));
    old.close();
    const db = openDatabase(file);
    const repo = new ScheduleRepository(db);
    expect(repo.get('s1')).toMatchObject({ lastFiredAt: '2026-06-02T00:00:00.000Z', lastMissedAt: null });
    repo.setMissed('s1', '2026-06-03T00:00:00.000Z');
    db.close();
    const again = openDatabase(file);
    expect(new ScheduleRepository(again).get('s1')).toMatchObject({
      lastFiredAt: '2026-06-03T00:00:00.000Z',
      lastMissedAt: '2026-06-03T00:00:00.000Z',
    });
    again.close();
  });
});
