import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClusterCpuBaseline } from '../../../src/shared/model/cpu-baseline';
import { openDatabase } from '../../../src/main/store/database';
import { migrations } from '../../../src/main/store/schema';
import { CpuBaselineRepository } from '../../../src/main/store/inventory/cpu-baselines';
import { useTempDirs } from '../../helpers/temp-dir';

const baseline: ClusterCpuBaseline = {
  source: 'computed',
  model: 'Cascadelake-Server',
  vendor: 'Intel',
  features: ['avx2', 'avx512f', 'sse4_2'],
  disabledFeatures: ['hle'],
  arch: 'x86_64',
  virtType: 'kvm',
  setAt: '2026-11-26T07:00:00.000Z',
  setBy: 'alice',
};

describe('schema migration 009 (cluster CPU baselines)', () => {
  const tempDir = useTempDirs();

  it('applies after 008, and a version 8 database gets an empty table', () => {
    const file = join(tempDir(), 'ferry.db');
    const v7 = openDatabase(
      file,
      migrations.filter((m) => m.version <= 8),
    );
    v7.close();
    const db = openDatabase(
      file,
      migrations.filter((m) => m.version <= 9),
    );
    expect(new CpuBaselineRepository(db).all().size).toBe(0);
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 9 });
    db.close();
  });

  it('round-trips a baseline through a reopened database, replaces it, and off deletes it', () => {
    const file = join(tempDir(), 'ferry.db');
    const db = openDatabase(file, migrations);
    const repo = new CpuBaselineRepository(db);
    repo.set('c1', { ...baseline, source: 'model', model: 'Skylake-Server' });
    repo.set('c1', baseline);
    repo.set('c2', { ...baseline, vendor: null, arch: null, virtType: null });
    db.close();
    const reopened = openDatabase(file, migrations);
    const again = new CpuBaselineRepository(reopened);
    expect(again.all()).toEqual(
      new Map([
        ['c1', baseline],
        ['c2', { ...baseline, vendor: null, arch: null, virtType: null }],
      ]),
    );
    again.set('c1', null);
    expect([...again.all().keys()]).toEqual(['c2']);
    reopened.close();
  });

  it('refuses rows with an unknown source or features that are not a JSON array', () => {
    const db = openDatabase(join(tempDir(), 'ferry.db'), migrations);
    const insert = db.prepare(
      "INSERT INTO cluster_cpu_baselines (cluster_id, source, model, features, disabled_features, set_at, set_by) VALUES (?, ?, 'm', ?, '[]', 't', 'a')",
    );
    expect(() => insert.run('a', 'guess', '[]')).toThrow(/CHECK/);
    expect(() => insert.run('b', 'computed', '"avx"')).toThrow(/CHECK/);
    expect(() => insert.run('c', 'computed', 'not json')).toThrow(/CHECK|JSON/);
    db.close();
  });
});
