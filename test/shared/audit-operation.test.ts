import { describe, expect, it } from 'vitest';
import type { AuditAction } from '../../src/shared/model/audit';
import { auditOperationOf } from '../../src/shared/model/audit-operation';

const op = '3f2a9c1e-0000-4000-8000-000000000001';
const earlier = '3f2a9c1e-0000-4000-8000-000000000002';
const failback = '7b0d4e22-0000-4000-8000-000000000003';
const batch = '9c8d7e6f-0000-4000-8000-000000000004';

const of = (action: AuditAction, details: string | null, actor = 'alice') => auditOperationOf({ action, actor, details });

// The details as main writes them (maintenance.ts, maintenance-power-off.ts, cold-move-routes.ts, task-audit.ts).
describe('the operation an audit record belongs to (new-user review 10, 10)', () => {
  it.each<[AuditAction, string, string, 'maintenance' | 'failback']>([
    [
      'maintenance.requested',
      `maintenance operation ${op}: evacuation of 5 VMs planned (makespan about 40 s); 1 cannot move`,
      'alice',
      'maintenance',
    ],
    ['maintenance.entered', `maintenance operation ${op}: 5 VMs moved off`, 'alice', 'maintenance'],
    [
      'maintenance.exited',
      `maintenance operation ${op}; left while entering: 2 moves not switched over are cancelled`,
      'alice',
      'maintenance',
    ],
    ['migration.requested', `maintenance operation ${op}`, 'maintenance of H1 (on behalf of alice)', 'maintenance'],
    ['migration.started', `batch ${op}`, 'maintenance of H1 (on behalf of alice)', 'maintenance'],
    ['migration.finished', `verification=guest-probe; batch ${op}`, 'maintenance of H1 (on behalf of alice)', 'maintenance'],
    ['migration.cancel-requested', `batch ${op}`, 'alice (leaving maintenance)', 'maintenance'],
    ['maintenance.guest-powered-off', `maintenance operation ${op}: the guest shut down`, 'alice', 'maintenance'],
    [
      'maintenance.failback-requested',
      `failback ${failback} of maintenance operation ${op} (with earlier maintenance operation ${earlier}, whose failback was not answered): 5 VMs move back`,
      'alice',
      'failback',
    ],
    [
      'maintenance.failback-declined',
      `maintenance operation ${op} (with earlier maintenance operation ${earlier}, whose failback was not answered): its VMs stay where it moved them`,
      'alice',
      'failback',
    ],
    [
      'migration.requested',
      `failback of maintenance operation ${op}; batch ${failback}; operation ${op}`,
      'failback of maintenance of H1 (on behalf of alice)',
      'failback',
    ],
    ['migration.started', `batch ${failback}; operation ${op}`, 'failback of maintenance of H1 (on behalf of alice)', 'failback'],
    ['migration.cancel-requested', `batch ${failback}; operation ${op}`, 'bob', 'failback'],
    ['migration.finished', `operation ${op}`, 'failback of maintenance of H1 (on behalf of alice)', 'failback'],
    ['maintenance.power-off-requested', `failback of maintenance operation ${op}: forced power off, then a cold move`, 'alice', 'failback'],
    ['maintenance.cold-move-finished', `failback of maintenance operation ${op}: moved cold to H1; powered on there`, 'alice', 'failback'],
    ['maintenance.guest-powered-on', `failback of maintenance operation ${op}: powered on at H1 after its cold move`, 'alice', 'failback'],
    ['maintenance.guest-powered-on', `maintenance operation ${op}: powered on at H3 after its cold move`, 'alice', 'maintenance'],
  ])('%s "%s" by %s: the %s of the operation', (action, details, actor, part) => {
    expect(of(action, details, actor)).toEqual({ operation: op, part });
  });

  it("links a move of a batch of the wizard's (or a maintenance's move cancelled by hand) to its batch", () => {
    expect(of('migration.finished', `verification=guest-probe; batch ${batch}`)).toEqual({ operation: batch, part: 'batch' });
    // Entering maintenance cancels moves coming in: they stay in their own batch.
    expect(of('migration.cancel-requested', `batch ${batch}`, 'alice (entering maintenance of H1)')).toEqual({
      operation: batch,
      part: 'batch',
    });
  });

  it('links no other record, even one whose free text names an operation', () => {
    expect(of('migration.finished', null)).toBeNull();
    expect(of('migration.finished', 'verification=guest-probe')).toBeNull();
    expect(of('audit.exported', `12 records; filter {"operation":"${op}"}`)).toBeNull();
    expect(of('settings.changed', `maintenance operation ${op}`)).toBeNull();
    expect(of('schedule.fired', `batch ${batch}`)).toBeNull();
  });
});
