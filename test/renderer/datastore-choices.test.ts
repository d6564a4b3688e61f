import { describe, expect, it } from 'vitest';
import type { Datastore, Host, Vm } from '../../src/shared/model/inventory';
import {
  batchStores,
  currentMark,
  storesFor,
  unreachedVms,
  vmStoreChoices,
  type StoreInventory,
} from '../../src/renderer/src/features/wizard/steps/datastore-choices';
import { consequences } from '../../src/renderer/src/features/wizard/steps/consequences';
import { initialWizardState, wizardReducer, type WizardState } from '../../src/renderer/src/features/wizard/wizard-state';

const vm = (id: string, hostId: string): Vm =>
  ({ id, name: id, hostId, power: 'running', disks: [{ datastoreId: 'shared', allocatedBytes: 1024 ** 3 }], nics: [] }) as unknown as Vm;
const host = (id: string, datastoreIds: string[]): Host => ({ id, name: id, datastoreIds }) as Host;
const store = (id: string): Datastore => ({ id, name: id, freeBytes: 1024 ** 4 }) as Datastore;

// Two VMs on h1, one on h2: each host reaches the shared store and its own local one.
const inv: StoreInventory = {
  vms: new Map([vm('web', 'h1'), vm('db', 'h2'), vm('dns', 'h1')].map((v) => [v.id, v])),
  hosts: new Map([host('h1', ['shared', 'h1-local']), host('h2', ['shared', 'h2-local']), host('h3', ['h3-local'])].map((h) => [h.id, h])),
  datastores: [store('h1-local'), store('h2-local'), store('h3-local'), store('shared')],
};
const storage = initialWizardState(['web', 'db', 'dns'], null, 'storage');
const withStores = (state: WizardState, batch: string, own: Record<string, string>) =>
  Object.entries(own).reduce(
    (s, [vmId, datastoreId]) => wizardReducer(s, { kind: 'vmDatastore', vmId, datastoreId }),
    wizardReducer(state, { kind: 'datastore', datastoreId: batch }),
  );

describe("the Datastore step's choices (issue #14)", () => {
  it('lists, for a storage-only batch, every store one of its VMs’ hosts reaches, with how many reach it, all first', () => {
    expect(batchStores(storage, inv).map((s) => [s.store.id, s.reachedBy])).toEqual([
      ['shared', 3],
      ['h1-local', 2],
      ['h2-local', 1],
    ]);
  });

  it("lists a batch that changes host by its destination's stores, and each VM's by its own host's", () => {
    const both = initialWizardState(['web', 'db'], 'h3', 'both');
    expect(batchStores(both, inv).map((s) => [s.store.id, s.reachedBy])).toEqual([['h3-local', 2]]);
    expect(storesFor(storage, 'db', inv).map((d) => d.id)).toEqual(['h2-local', 'shared']);
  });

  it('marks the VMs whose host does not reach their store, until they are given one of their own', () => {
    const batch = withStores(storage, 'h1-local', {});
    expect([...unreachedVms(batch, inv)]).toEqual(['db']);
    expect([...unreachedVms(withStores(storage, 'h1-local', { db: 'h2-local' }), inv)]).toEqual([]);
    expect([...unreachedVms(storage, inv)]).toEqual([]);
  });

  it("says Ready to complete's copy goes to each VM's own store", () => {
    const state = withStores(storage, 'h1-local', { db: 'h2-local' });
    expect(consequences(state, inv)[0]).toBe(
      '3.0 GiB of disk data is copied to h1-local and h2-local while the guests run; their writes are mirrored until the switch.',
    );
    expect(consequences(state, inv, new Set(['db']))[0]).toMatch(/^2\.0 GiB of disk data is copied to h1-local while/);
  });

  it("marks a store '(current)' only when every VM's disks are on it, else says for how many (new-user review 16, 5)", () => {
    const vms = new Map([
      ...inv.vms,
      ['local', { ...inv.vms.get('dns'), id: 'local', disks: [{ datastoreId: 'h1-local' }] } as unknown as Vm],
    ]);
    expect(currentMark(['web', 'db', 'local'], 'shared', vms)).toBe(' (current for 2 of 3 VMs)');
    expect(currentMark(['web', 'db', 'local'], 'h1-local', vms)).toBe(' (current for 1 of 3 VMs)');
    expect(currentMark(['web', 'db'], 'shared', vms)).toBe(' (current)');
    expect(currentMark(['web', 'db'], 'h2-local', vms)).toBe('');
  });
});

// New-user review 16, 4: in a batch that changes host, a VM's own store could not be the one its disks
// are on, though the batch could take it (the engine then moves that VM compute only, movedAs).
describe("a VM's own datastore in a batch", () => {
  const both = wizardReducer(initialWizardState(['web', 'dns'], 'h1', 'both'), { kind: 'datastore', datastoreId: 'h1-local' });

  it('offers the store its disks are on, where its destination reaches it, as keeping them there', () => {
    const shared = vmStoreChoices(both, 'web', inv).find((c) => c.store.id === 'shared');
    expect(shared).toMatchObject({ keepsItsDisks: true, disabled: false });
    expect(shared?.label).toBe('shared — keep its disks there (1.0 TiB free)');
    // The batch's own store is offered as "the batch's", not again here.
    expect(vmStoreChoices(both, 'web', inv).map((c) => c.store.id)).toEqual(['shared']);
  });

  it('makes that VM a move of its compute only, the others taking the batch’s store', () => {
    const state = wizardReducer(both, { kind: 'vmDatastore', vmId: 'web', datastoreId: 'shared' });
    expect(consequences(state, inv)[0]).toMatch(/^1\.0 GiB of disk data is copied to h1-local while/);
  });

  it('keeps it unselectable for a storage-only move, which would move nothing', () => {
    const onStorage = wizardReducer(storage, { kind: 'datastore', datastoreId: 'h1-local' });
    expect(vmStoreChoices(onStorage, 'web', inv).find((c) => c.store.id === 'shared')).toMatchObject({
      keepsItsDisks: true,
      disabled: true,
      label: 'shared — 1.0 TiB free (its disks are there)',
    });
  });
});
