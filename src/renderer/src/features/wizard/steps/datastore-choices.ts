import type { Datastore, Host, Vm } from '../../../../../shared/model/inventory';
import { formatBytes, formatCount } from '../../../components/format';
import { datastoreOf, destinationOf, type WizardState } from '../wizard-state';

/** What the Datastore step reads of the inventory (not the store itself, so these stay pure functions). */
export interface StoreInventory {
  vms: ReadonlyMap<string, Vm>;
  hosts: ReadonlyMap<string, Host>;
  datastores: readonly Datastore[];
}

/** The host whose datastores a VM's disks can go to: the one it stays on (storage only), else its destination. */
export function storeHostOf(state: WizardState, vmId: string, inv: StoreInventory): Host | undefined {
  const hostId = state.type === 'storage' ? inv.vms.get(vmId)?.hostId : destinationOf(state, vmId);
  return inv.hosts.get(hostId ?? '');
}

/** The datastores a VM's host reaches, in the inventory's order. */
export function storesFor(state: WizardState, vmId: string, inv: StoreInventory): Datastore[] {
  const host = storeHostOf(state, vmId, inv);
  return host ? inv.datastores.filter((d) => host.datastoreIds.includes(d.id)) : [];
}

export interface BatchStore {
  store: Datastore;
  /** How many of the batch's VMs have a host that reaches it. */
  reachedBy: number;
}

/**
 * The datastores some VM of the batch can use (for storage only, the VMs stay on different hosts):
 * those every VM's host reaches first, then by how many reach them, else in the inventory's order.
 */
export function batchStores(state: WizardState, inv: StoreInventory): BatchStore[] {
  const reach = new Map<string, number>();
  for (const vmId of state.vmIds) for (const store of storesFor(state, vmId, inv)) reach.set(store.id, (reach.get(store.id) ?? 0) + 1);
  return inv.datastores
    .filter((store) => reach.has(store.id))
    .map((store) => ({ store, reachedBy: reach.get(store.id) ?? 0 }))
    .sort((a, b) => b.reachedBy - a.reachedBy);
}

/** The VMs whose datastore (their own or the batch's) their host does not reach: they would not move. */
export function unreachedVms(state: WizardState, inv: StoreInventory): Set<string> {
  if (state.type === 'compute') return new Set();
  return new Set(
    state.vmIds.filter((vmId) => {
      const store = datastoreOf(state, vmId);
      const host = storeHostOf(state, vmId, inv);
      return store !== null && host !== undefined && !host.datastoreIds.includes(store);
    }),
  );
}

/** Whether every disk of the VM is on this datastore already (a storage move there moves nothing). */
export function allDisksOn(vm: Vm | undefined, datastoreId: string): boolean {
  return vm !== undefined && vm.disks.length > 0 && vm.disks.every((d) => d.datastoreId === datastoreId);
}

export interface VmStoreChoice {
  store: Datastore;
  /** Every disk of the VM is there already. */
  keepsItsDisks: boolean;
  disabled: boolean;
  label: string;
}

/**
 * A VM's own datastore in a batch: the stores its host reaches but the batch's. The one its disks
 * are on keeps them there when the VM changes host (the engine moves it compute only, movedAs), so
 * one VM can stay on shared storage while the rest go (new-user review 16, 4); a storage-only move
 * there would move nothing.
 */
export function vmStoreChoices(state: WizardState, vmId: string, inv: StoreInventory): VmStoreChoice[] {
  const vm = inv.vms.get(vmId);
  return storesFor(state, vmId, inv)
    .filter((store) => store.id !== state.destDatastoreId)
    .map((store) => {
      const keepsItsDisks = allDisksOn(vm, store.id);
      const disabled = keepsItsDisks && state.type === 'storage';
      const free = `${formatBytes(store.freeBytes)} free`;
      const label = !keepsItsDisks
        ? `${store.name} — ${free}`
        : disabled
          ? `${store.name} — ${free} (its disks are there)`
          : `${store.name} — keep its disks there (${free})`;
      return { store, keepsItsDisks, disabled, label };
    });
}

/**
 * " (current)" beside a store every VM of the batch has its disks on, " (current for 2 of 3 VMs)" beside
 * one only some have theirs on: a bare "(current)" read as "all of them are there already".
 */
export function currentMark(vmIds: readonly string[], datastoreId: string, vms: ReadonlyMap<string, Vm>): string {
  const on = vmIds.filter((id) => vms.get(id)?.disks.some((d) => d.datastoreId === datastoreId) ?? false).length;
  if (on === 0) return '';
  return on === vmIds.length ? ' (current)' : ` (current for ${formatCount(on)} of ${formatCount(vmIds.length)} VMs)`;
}
