import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { DriverJobRepository } from '../../../src/main/store/driver-jobs';
import { migrations } from '../../../src/main/store/schema';
import { useTempDirs } from '../../helpers/temp-dir';

describe('schema migration 005 (driver jobs)', () => {
  const tempDir = useTempDirs();

  it("keeps each driver's job records apart, survives a reopen, and forgets on request", () => {
    const file = join(tempDir(), 'ferry.db');
    const db = openDatabase(file, migrations);
    const repo = new DriverJobRepository(db);
    const libvirt = repo.journalOf('libvirt');
    libvirt.save('t1', { step: 'reserving', created: [] });
    libvirt.save('t1', { step: 'started', created: ['/p/vm.qcow2'] });
    repo.journalOf('other').save('t2', { x: 1 });
    db.close();

    const again = new DriverJobRepository(openDatabase(file, migrations)).journalOf('libvirt');
    expect(again.load('t1')).toEqual({ step: 'started', created: ['/p/vm.qcow2'] });
    expect(again.load('t2')).toBeUndefined();
    expect([...again.all().keys()]).toEqual(['t1']);
    again.forget('t1');
    expect(again.all().size).toBe(0);
  });
});
