import type { MigrationRequest, MigrationTarget } from '../../../../shared/model/schedule';
import { datastoreOf, destinationOf, type WizardState } from './wizard-state';

/**
 * The batch split by destination host and datastore, in the order VMs were chosen: each a target the
 * engine checks, predicts and starts (one request carries one host and one store). VMs without a
 * destination host are left out; a storage-only VM without a datastore stays in, for the checks to say so.
 */
export function groupsOf(state: WizardState, vmIds: readonly string[] = state.vmIds): MigrationTarget[] {
  const groups = new Map<string, MigrationTarget>();
  for (const vmId of vmIds) {
    const destHostId = destinationOf(state, vmId);
    if (state.type !== 'storage' && destHostId === null) continue;
    const destDatastoreId = datastoreOf(state, vmId);
    const key = JSON.stringify([destHostId, destDatastoreId]);
    const group = groups.get(key);
    if (group) group.vmIds.push(vmId);
    else groups.set(key, { vmIds: [vmId], destHostId, type: state.type, destDatastoreId });
  }
  return [...groups.values()];
}

export function requestsOf(state: WizardState, vmIds: readonly string[]): MigrationRequest[] {
  return groupsOf(state, vmIds).map((group) => ({
    ...group,
    priority: state.priority,
    options: state.options,
    acknowledgedWarnings: state.acknowledged,
  }));
}
