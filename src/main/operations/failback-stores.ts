import { FerryError } from '../../shared/api/errors';
import type { Host, Vm } from '../../shared/model/inventory';
import type { DatastoreChoice, FailbackPlan, StoreChoice } from '../../shared/model/operations';
import type { EngineView, Inbound } from '../engine/planning/view';

/*
 * The datastore a failback puts a VM's disks on (issue #14, new-user review 13, 10): the planner
 * picks the one they came from; the admin may pick another of the home host's stores with room.
 */

/** What the disks not on `storeId` already need there, as the engine's storage precheck counts them. */
const bytesFor = (vm: Vm, storeId: string): number =>
  vm.disks.filter((d) => d.datastoreId !== storeId).reduce((s, d) => s + d.allocatedBytes, 0);

const holdsAll = (vm: Vm, storeId: string): boolean => vm.disks.every((d) => d.datastoreId === storeId);

/** The home host's datastores that can take the VM's disks (room beside what the plan already puts there), the origin first. */
export function storeChoices(view: EngineView, vm: Vm, home: Host, originId: string, inbound: Inbound): DatastoreChoice[] {
  const choices: DatastoreChoice[] = [];
  for (const id of home.datastoreIds) {
    const store = view.datastore(id);
    if (!store) continue;
    const need = bytesFor(vm, id) + (inbound.diskBytesByDatastore.get(id) ?? 0);
    if (id !== originId && !holdsAll(vm, id) && need > store.freeBytes) continue;
    choices.push({ datastoreId: id, datastoreName: store.name, origin: id === originId, holdsDisks: holdsAll(vm, id) });
  }
  return choices.sort((a, b) => Number(b.origin) - Number(a.origin));
}

/**
 * The store a failback move uses: the admin's when it is one of `choices`, else the planner's
 * (`checkChosenStores` refuses the request then). Null when the disks all stay where they are.
 */
export function storeFor(
  vm: Vm,
  planned: string,
  chosen: string | undefined,
  choices: readonly DatastoreChoice[],
): StoreChoice & { store: string | null } {
  const selectedId = chosen && choices.some((c) => c.datastoreId === chosen) ? chosen : planned;
  return { selectedId, choices: [...choices], store: holdsAll(vm, selectedId) ? null : selectedId };
}

/** Adds a planned disk move to what the home host's stores already take, so the next VM's choices and prechecks count it. */
export function countDisks(inbound: Inbound, vm: Vm, store: string | null): void {
  if (store) inbound.diskBytesByDatastore.set(store, (inbound.diskBytesByDatastore.get(store) ?? 0) + bytesFor(vm, store));
}

/**
 * Refuses, before anything starts, stores the admin chose that the plan (made with them) could
 * not use: a VM it does not move back with its disks, a store the home host does not reach or
 * without room for the disks.
 */
export function checkChosenStores(view: EngineView, home: Host, plan: FailbackPlan, chosen: ReadonlyMap<string, string>): void {
  for (const [vmId, storeId] of chosen) {
    const vmName = view.vm(vmId)?.name ?? vmId;
    const storeName = view.datastore(storeId)?.name ?? storeId;
    const move = plan.moves.find((m) => m.vmId === vmId);
    const blocked = plan.blocked.find((b) => b.vmId === vmId);
    if (blocked)
      throw new FerryError('PRECHECK_FAILED', `${vmName} cannot move back to ${home.name}: ${blocked.reasons[0]?.message ?? ''}`, {
        vmId,
        datastoreId: storeId,
      });
    if (!move?.storeChoice)
      throw new FerryError('NOT_FOUND', `${vmName} is not a VM this failback moves back to ${home.name} with its disks`, { vmId });
    if (move.storeChoice.choices.some((c) => c.datastoreId === storeId)) continue;
    const reached = home.datastoreIds.includes(storeId);
    throw new FerryError(
      'PRECHECK_FAILED',
      reached
        ? `${storeName} has no room for ${vmName}'s disks: choose another datastore of ${home.name}`
        : `${home.name} does not reach ${storeName}: choose one of its datastores for ${vmName}'s disks`,
      { vmId, datastoreId: storeId, check: reached ? 'DATASTORE_FULL' : 'DATASTORE_NOT_REACHABLE' },
    );
  }
}

/** For the failback's audit record: where the admin sent disks other than back where they came from. */
export function chosenStoreWords(plan: FailbackPlan): string {
  const words = plan.moves.flatMap((m) => {
    const choice = m.storeChoice;
    const picked = choice?.choices.find((c) => c.datastoreId === choice.selectedId);
    const origin = choice?.choices.find((c) => c.origin);
    if (!picked || picked.origin) return [];
    const from = origin ? ` instead of ${origin.datastoreName}, where they came from` : '';
    return [`${m.vmName}'s disks ${picked.holdsDisks ? 'stay on' : 'go to'} ${picked.datastoreName}${from}`];
  });
  return words.length === 0 ? '' : ` (${words.join('; ')}, as chosen)`;
}
