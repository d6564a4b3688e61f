import { describe, expect, it } from 'vitest';
import { groupsOf, requestsOf } from '../../src/renderer/src/features/wizard/batch-groups';
import {
  datastoreOf,
  everyVmHasDatastore,
  initialWizardState,
  wizardReducer,
  type WizardAction,
  type WizardState,
} from '../../src/renderer/src/features/wizard/wizard-state';

const run = (state: WizardState, ...actions: WizardAction[]) => actions.reduce(wizardReducer, state);

// Issue #14 (new-user review 13, 9): a storage-only batch had one datastore for every VM, though its VMs ran on different hosts.
describe("the wizard's per-VM datastores", () => {
  const storage = initialWizardState(['web', 'db', 'dns'], null, 'storage');

  it("gives a VM its own datastore, else the batch's; choosing the batch's again drops the VM's own", () => {
    const state = run(storage, { kind: 'datastore', datastoreId: 'ds-a' }, { kind: 'vmDatastore', vmId: 'db', datastoreId: 'ds-b' });
    expect(state.vmIds.map((id) => datastoreOf(state, id))).toEqual(['ds-a', 'ds-b', 'ds-a']);
    expect(run(state, { kind: 'vmDatastore', vmId: 'db', datastoreId: 'ds-a' }).vmDatastores).toEqual({});
    expect(run(state, { kind: 'vmDatastore', vmId: 'db', datastoreId: null }).vmDatastores).toEqual({});
    // The batch taking db's store: db goes with the batch again.
    expect(run(state, { kind: 'datastore', datastoreId: 'ds-b' }).vmDatastores).toEqual({});
    expect(run(state, { kind: 'datastore', datastoreId: 'ds-c' }).vmDatastores).toEqual({ db: 'ds-b' });
  });

  // New-user review 14, 1: a datastore chosen after Destination unticked its acknowledged warnings.
  it('keeps acknowledged warnings when a datastore is chosen; a new destination resets them', () => {
    const both = run(
      initialWizardState(['web'], 'h2', 'both'),
      { kind: 'acknowledge', code: 'VM_POWERED_OFF', on: true },
      { kind: 'datastore', datastoreId: 'ds-a' },
      { kind: 'vmDatastore', vmId: 'web', datastoreId: 'ds-b' },
    );
    expect(both.acknowledged).toEqual(['VM_POWERED_OFF']);
    expect(run(both, { kind: 'destination', hostId: 'h3' }).acknowledged).toEqual([]);
  });

  it('is satisfied when every VM has a datastore, its own or the batch’s', () => {
    const own = run(
      storage,
      { kind: 'vmDatastore', vmId: 'web', datastoreId: 'ds-a' },
      { kind: 'vmDatastore', vmId: 'db', datastoreId: 'ds-b' },
    );
    expect(everyVmHasDatastore(storage)).toBe(false);
    expect(everyVmHasDatastore(own)).toBe(false);
    expect(everyVmHasDatastore(run(own, { kind: 'vmDatastore', vmId: 'dns', datastoreId: 'ds-c' }))).toBe(true);
    expect(everyVmHasDatastore(run(own, { kind: 'datastore', datastoreId: 'ds-c' }))).toBe(true);
    expect(everyVmHasDatastore(initialWizardState(['web'], 'h1'))).toBe(true);
  });

  it('drops every VM’s own datastore when the type or the destination changes, and a removed VM’s when the VMs do', () => {
    const both = run(
      initialWizardState(['web', 'db'], 'h1', 'both'),
      { kind: 'datastore', datastoreId: 'ds-a' },
      { kind: 'vmDatastore', vmId: 'db', datastoreId: 'ds-b' },
    );
    expect(run(both, { kind: 'destination', hostId: 'h2' })).toMatchObject({ destDatastoreId: null, vmDatastores: {} });
    expect(run(both, { kind: 'type', type: 'storage' })).toMatchObject({ destDatastoreId: null, vmDatastores: {} });
    expect(run(both, { kind: 'vms', vmIds: ['web'] }).vmDatastores).toEqual({});
    expect(run(both, { kind: 'vms', vmIds: ['db', 'web', 'dns'] }).vmDatastores).toEqual({ db: 'ds-b' });
    expect(datastoreOf(run(both, { kind: 'type', type: 'compute' }), 'db')).toBeNull();
  });

  it('groups the batch by destination host and datastore, in the order the VMs were chosen', () => {
    const state = run(
      storage,
      { kind: 'datastore', datastoreId: 'ds-a' },
      { kind: 'vmDatastore', vmId: 'db', datastoreId: 'ds-b' },
      { kind: 'acknowledge', code: 'WILL_NOT_CONVERGE', on: true },
    );
    expect(groupsOf(state)).toEqual([
      { vmIds: ['web', 'dns'], destHostId: null, type: 'storage', destDatastoreId: 'ds-a' },
      { vmIds: ['db'], destHostId: null, type: 'storage', destDatastoreId: 'ds-b' },
    ]);
    expect(requestsOf(state, ['db', 'dns']).map((r) => [r.vmIds, r.destDatastoreId, r.acknowledgedWarnings])).toEqual([
      [['db'], 'ds-b', ['WILL_NOT_CONVERGE']],
      [['dns'], 'ds-a', ['WILL_NOT_CONVERGE']],
    ]);
  });

  it('keeps compute batches grouped by host alone, their datastore null, and leaves out a VM with no host', () => {
    const compute = { ...initialWizardState(['web', 'db', 'dns'], 'h1'), vmDestinations: { db: 'h2' }, vmDatastores: { web: 'ds-x' } };
    expect(groupsOf(compute)).toEqual([
      { vmIds: ['web', 'dns'], destHostId: 'h1', type: 'compute', destDatastoreId: null },
      { vmIds: ['db'], destHostId: 'h2', type: 'compute', destDatastoreId: null },
    ]);
    expect(groupsOf({ ...compute, destHostId: null })).toEqual([
      { vmIds: ['db'], destHostId: 'h2', type: 'compute', destDatastoreId: null },
    ]);
  });
});
