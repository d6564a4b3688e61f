import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { initial } from '../../../src/main/store/schema/001-initial';
import { connectionConfig } from '../../../src/main/store/schema/002-connection-config';
import { maintenance } from '../../../src/main/store/schema/003-maintenance';
import { auditHead } from '../../../src/main/store/schema/004-audit-head';
import { AuditRepository } from '../../../src/main/store/audit/audit-repository';
import { migrations } from '../../../src/main/store/schema';
import { useTempDirs } from '../../helpers/temp-dir';

describe('schema migration 004 (audit head)', () => {
  const tempDir = useTempDirs();
  const before = [initial, connectionConfig, maintenance];

  it('moves the chain head out of the settings into its own one-row table', () => {
    const file = join(tempDir(), 'ferry.db');
    const v3 = openDatabase(file, before);
    v3.prepare("INSERT INTO settings (key, value) VALUES ('audit.head', ?), ('app', '{}')").run(JSON.stringify({ id: 42, hash: 'abc' }));
    v3.close();
    const v4 = openDatabase(file, [...before, auditHead]);
    expect(v4.prepare('SELECT id, hash FROM audit_head').get()).toEqual({ id: 42, hash: 'abc' });
    expect(v4.prepare('SELECT key FROM settings').all()).toEqual([{ key: 'app' }]);
    v4.close();
  });

  it('starts without a head on a fresh trail, and keeps exactly one', () => {
    // As the repository reads it today (with the seal of migration 012).
    const db = openDatabase(join(tempDir(), 'ferry.db'), migrations);
    const repo = new AuditRepository(db);
    expect(repo.head()).toBeUndefined();
    repo.setHead({ id: 1, hash: 'a', seal: 's1' });
    repo.setHead({ id: 2, hash: 'b', seal: 's2' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM audit_head').get()).toEqual({ n: 1 });
    expect(repo.head()).toEqual({ id: 2, hash: 'b', seal: 's2' });
    db.close();
  });
});
