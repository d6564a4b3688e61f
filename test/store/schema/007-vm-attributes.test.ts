import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { migrations } from '../../../src/main/store/schema';
import { VmAttributeRepository } from '../../../src/main/store/vm-attributes';
import { useTempDirs } from '../../helpers/temp-dir';

describe('schema migration 007 (VM attributes)', () => {
  const tempDir = useTempDirs();

  it('adds an empty table to a version 6 database, whose VMs keep what their drivers report', () => {
    const file = join(tempDir(), 'ferry.db');
    const v6 = openDatabase(
      file,
      migrations.filter((m) => m.version < 7),
    );
    v6.prepare("INSERT INTO vms (id, name, driver_id, host_id, data) VALUES ('vm-1', 'web', 'libvirt', 'h1', '{}')").run();
    v6.close();
    const db = openDatabase(file, migrations);
    expect(new VmAttributeRepository(db).all().size).toBe(0);
    expect(db.prepare('SELECT COUNT(*) AS n FROM vms').get()).toEqual({ n: 1 });
    db.close();
  });

  it('keeps attributes by VM id, replaced as a whole, with no tie to a VM row (they outlive a discovery missing it)', () => {
    const file = join(tempDir(), 'ferry.db');
    const db = openDatabase(file, migrations);
    const repo = new VmAttributeRepository(db);
    repo.set('29f0abe3-089d-4e02-a627-0f026066c07b', { missionCritical: true, tags: ['db', 'affinity:db'] });
    repo.set('29f0abe3-089d-4e02-a627-0f026066c07b', { missionCritical: false, tags: ['anti-affinity:web'] });
    db.close();
    const reopened = openDatabase(file, migrations);
    expect(new VmAttributeRepository(reopened).all()).toEqual(
      new Map([['29f0abe3-089d-4e02-a627-0f026066c07b', { missionCritical: false, tags: ['anti-affinity:web'] }]]),
    );
    reopened.close();
  });

  it('refuses rows that are not a flag and a JSON array of tags', () => {
    const db = openDatabase(join(tempDir(), 'ferry.db'), migrations);
    const insert = db.prepare('INSERT INTO vm_attributes (vm_id, mission_critical, tags) VALUES (?, ?, ?)');
    expect(() => insert.run('a', 2, '[]')).toThrow(/CHECK/);
    expect(() => insert.run('b', 0, '"db"')).toThrow(/CHECK/);
    expect(() => insert.run('c', 0, 'not json')).toThrow(/CHECK|JSON/);
    db.close();
  });
});
