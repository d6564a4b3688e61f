import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { LINK_SPEED_SAMPLES_KEPT, LinkSpeedRepository } from '../../../src/main/store/link-speeds';
import { migrations } from '../../../src/main/store/schema';
import { useTempDirs } from '../../helpers/temp-dir';

const sample = (n: number, source = 'h1', dest = 'h2') => ({
  sourceHostId: source,
  destHostId: dest,
  bytesPerSecond: 100 * n,
  taskId: `t${n}`,
  measuredAt: `2026-11-26T04:${String(n).padStart(2, '0')}:00.000Z`,
  // Schema 015's columns: null in rows recorded without them.
  fixedMs: n === 1 ? null : 1000 * n,
  switchoverMs: n === 1 ? null : 10 * n,
});

describe('schema migration 008 (link speeds)', () => {
  const tempDir = useTempDirs();

  it('upgrades a version-7 database and keeps samples per direction across a reopen', () => {
    const file = join(tempDir(), 'ferry.db');
    openDatabase(
      file,
      migrations.filter((m) => m.version < 8),
    ).close();
    const db = openDatabase(file, migrations);
    const repo = new LinkSpeedRepository(db);
    repo.record(sample(1));
    repo.record(sample(2, 'h2', 'h1'));
    db.close();

    const again = new LinkSpeedRepository(openDatabase(file, migrations));
    expect(again.recent('h1', 'h2')).toEqual([sample(1)]);
    expect(again.recent('h2', 'h1')).toEqual([sample(2, 'h2', 'h1')]);
    expect(again.ofHost('h1').map((s) => s.taskId)).toEqual(['t2', 't1']);
    expect(again.ofHost('h3')).toEqual([]);
  });

  it('keeps only the newest samples of a direction', () => {
    const repo = new LinkSpeedRepository(openDatabase(join(tempDir(), 'ferry.db'), migrations));
    for (let n = 1; n <= LINK_SPEED_SAMPLES_KEPT + 3; n++) repo.record(sample(n));
    repo.record(sample(50, 'h1', 'h3'));
    const kept = repo.recent('h1', 'h2');
    expect(kept).toHaveLength(LINK_SPEED_SAMPLES_KEPT);
    expect(kept[0]?.taskId).toBe(`t${LINK_SPEED_SAMPLES_KEPT + 3}`);
    expect(repo.recent('h1', 'h3')).toHaveLength(1);
  });

  it('refuses a sample that is not a positive speed', () => {
    const repo = new LinkSpeedRepository(openDatabase(join(tempDir(), 'ferry.db'), migrations));
    expect(() => repo.record({ ...sample(1), bytesPerSecond: 0 })).toThrow();
  });
});
