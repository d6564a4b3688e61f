import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { MaintenancePowerOffRepository } from '../../../src/main/store/maintenance-power-offs';
import { useTempDirs } from '../../helpers/temp-dir';

describe('schema migration 014 (maintenance power-offs)', () => {
  const tempDir = useTempDirs();

  it('journals a power-off, its steps and its error, and lists only those still owed a step', () => {
    const db = openDatabase(join(tempDir(), 'ferry.db'));
    db.prepare("INSERT INTO maintenance_operations (id, host_id, actor, started_at) VALUES ('op', 'h1', 'ann', 't0')").run();
    const repo = new MaintenancePowerOffRepository(db);
    const base = {
      operationId: 'op',
      purpose: 'evacuation' as const,
      hostId: 'h1',
      destHostId: null,
      vmName: 'VM',
      actor: 'ann',
      powerOnAfter: false,
      forced: false,
      requestedAt: 't1',
    };
    repo.begin({ ...base, id: 'a', vmId: 'v1', state: 'shutting-down' });
    repo.begin({ ...base, id: 'b', vmId: 'v2', state: 'shutting-down', powerOnAfter: true });
    repo.advance('a', 't2', 'timed-out', { error: { code: 'GUEST_SHUTDOWN_TIMEOUT', message: 'still runs' } });
    repo.advance('b', 't3', 'moving', { taskId: 'task-1' });
    expect(repo.get('a')).toMatchObject({ state: 'timed-out', error: { code: 'GUEST_SHUTDOWN_TIMEOUT' }, updatedAt: 't2' });
    expect(repo.inFlight().map((r) => [r.id, r.taskId, r.powerOnAfter])).toEqual([['b', 'task-1', true]]);
    expect([...repo.latestByVm('op', 'evacuation').keys()]).toEqual(['v1', 'v2']);
    expect(() => db.prepare("UPDATE maintenance_power_offs SET state = 'lost' WHERE id = 'a'").run()).toThrow(/CHECK/);
    db.close();
  });
});
