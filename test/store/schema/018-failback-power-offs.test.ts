import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { MaintenancePowerOffRepository } from '../../../src/main/store/maintenance-power-offs';
import { useTempDirs } from '../../helpers/temp-dir';

describe('schema migration 018 (failback power-offs)', () => {
  const tempDir = useTempDirs();

  it("keeps a failback's power-offs apart from its evacuation's, with the home host they move back to", () => {
    const db = openDatabase(join(tempDir(), 'ferry.db'));
    db.prepare("INSERT INTO maintenance_operations (id, host_id, actor, started_at) VALUES ('op', 'home', 'ann', 't0')").run();
    // A row journaled before schema 018 names neither: it reads as the evacuation's.
    db.prepare(
      `INSERT INTO maintenance_power_offs (id, operation_id, host_id, vm_id, vm_name, actor, power_on_after, state, requested_at, updated_at)
       VALUES ('old', 'op', 'home', 'v1', 'VM', 'ann', 0, 'done', 't1', 't1')`,
    ).run();
    const repo = new MaintenancePowerOffRepository(db);
    repo.begin({
      id: 'back',
      operationId: 'op',
      purpose: 'failback',
      hostId: 'away',
      destHostId: 'home',
      vmId: 'v1',
      vmName: 'VM',
      actor: 'ann',
      powerOnAfter: true,
      forced: false,
      state: 'shutting-down',
      requestedAt: 't2',
    });
    expect(repo.latestByVm('op', 'evacuation').get('v1')).toMatchObject({ id: 'old', purpose: 'evacuation', destHostId: null });
    expect(repo.latestByVm('op', 'failback').get('v1')).toMatchObject({ id: 'back', hostId: 'away', destHostId: 'home' });
    expect(repo.inFlight().map((r) => r.id)).toEqual(['back']);
    expect(() => db.prepare("UPDATE maintenance_power_offs SET purpose = 'balancing' WHERE id = 'back'").run()).toThrow(/CHECK/);
    db.close();
  });
});
