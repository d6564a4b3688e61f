import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { initial } from '../../../src/main/store/schema/001-initial';
import { connectionConfig } from '../../../src/main/store/schema/002-connection-config';
import { maintenance } from '../../../src/main/store/schema/003-maintenance';
import { MaintenanceRepository } from '../../../src/main/store/maintenance';
import { useTempDirs } from '../../helpers/temp-dir';

describe('schema migration 003 (maintenance)', () => {
  const tempDir = useTempDirs();

  it('moves host maintenance and its evacuation out of hosts and settings into their own table', () => {
    const file = join(tempDir(), 'ferry.db');
    const v2 = openDatabase(file, [initial, connectionConfig]);
    const host = v2.prepare("INSERT INTO hosts (id, name, driver_id, cluster_id, maintenance, data) VALUES (?, ?, 'sim', 'c', ?, '{}')");
    host.run('h1', 'H1', 'entering');
    host.run('h2', 'H2', 'on');
    host.run('h3', 'H3', null);
    // What leaving maintenance left behind before 003: the column at 'off' and the evacuation nulled.
    host.run('h4', 'H4', 'off');
    v2.prepare("INSERT INTO settings (key, value) VALUES ('maintenance:h4', 'null')").run();
    const evacuation = {
      total: 3,
      taskIds: ['t1', 't2'],
      blocked: [{ vmId: 'v9', vmName: 'VM9', reasons: [], options: [] }],
      actor: 'ann',
    };
    v2.prepare("INSERT INTO settings (key, value) VALUES ('maintenance:h1', ?), ('app', '{}')").run(JSON.stringify(evacuation));
    v2.close();

    const v3 = openDatabase(file, [initial, connectionConfig, maintenance]);
    const repo = new MaintenanceRepository(v3);
    expect(Object.fromEntries(repo.states())).toEqual({ h1: 'entering', h2: 'on' });
    // Moves into the host were not recorded before 016: none.
    expect(repo.evacuation('h1')).toEqual({ ...evacuation, incoming: [] });
    expect(repo.evacuation('h2')).toBeNull();
    expect(v3.prepare('SELECT key FROM settings').all()).toEqual([{ key: 'app' }]);
    expect((v3.prepare('PRAGMA table_info(hosts)').all() as { name: string }[]).map((c) => c.name)).not.toContain('maintenance');
    v3.close();
  });

  it('forgets a host that leaves maintenance, evacuation and all', () => {
    // The repository as it is today: every migration since 003 applied (010 adds the operation id).
    const db = openDatabase(join(tempDir(), 'ferry.db'));
    const repo = new MaintenanceRepository(db);
    repo.setState('h1', 'entering');
    repo.setEvacuation('h1', { operationId: null, actor: 'bob', total: 1, taskIds: ['t'], blocked: [], incoming: [] });
    repo.setState('h1', 'on');
    expect(repo.evacuation('h1')?.actor).toBe('bob');
    repo.setState('h1', 'off');
    expect(repo.states().size).toBe(0);
    expect(repo.evacuation('h1')).toBeNull();
    db.close();
  });
});
