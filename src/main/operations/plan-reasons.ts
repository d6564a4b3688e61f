import type { Host, Vm } from '../../shared/model/inventory';
import type { PrecheckResult } from '../../shared/model/precheck';
import type { EngineView } from '../engine/planning/view';

/**
 * Why no host of its cluster takes a VM, said for the plan. Each refusal names the host that gave
 * it, so the first host tried spoke for all ("DC0_C1_H1 cannot reach DC0_C1_H0_DS0") though every
 * host refused alike (new-user review 11, 7): a refusal every candidate gives names none of them.
 * `refusals` holds each candidate's errors, in the order tried.
 */
export function reasonsForPlan(
  view: EngineView,
  vm: Vm,
  candidates: readonly Host[],
  refusals: readonly PrecheckResult[][],
): PrecheckResult[] {
  const first = refusals[0] ?? [];
  const everyone = refusals.length === candidates.length && refusals.length > 0;
  if (!everyone || !refusals.every((r) => r.some((c) => c.code === 'STORAGE_NOT_REACHABLE'))) return first;
  return first.map((r) =>
    r.code === 'STORAGE_NOT_REACHABLE'
      ? {
          ...r,
          message: unreachedWords(view, vm, candidates),
          hint: 'Move it with its disks (shared-nothing), or move its disks to storage the other hosts reach first.',
        }
      : r,
  );
}

/** "its disk is on DC0_C1_H0's local datastore DC0_C1_H0_DS0, which no other host of its cluster reaches". */
function unreachedWords(view: EngineView, vm: Vm, candidates: readonly Host[]): string {
  const stores = [...new Set(vm.disks.map((d) => d.datastoreId))];
  const unreached = stores.filter((id) => !candidates.some((h) => h.datastoreIds.includes(id)));
  const disks = vm.disks.length === 1 ? 'its disk is' : 'its disks are';
  const source = view.host(vm.hostId);
  const clusterHosts = view.allHosts().filter((h) => h.clusterId === source?.clusterId && h.id !== vm.hostId).length;
  // Hosts entering maintenance with it are no candidates: "other" would claim they do not reach it either.
  const hosts =
    candidates.length === clusterHosts ? 'no other host of its cluster reaches' : 'none of the hosts staying in its cluster reaches';
  if (unreached.length > 0) return `${disks} on ${joined(unreached.map((id) => storeWords(view, id)))}, which ${hosts}`;
  // Each host reaches some of them, none all.
  return `${disks} on ${joined(stores.map((id) => storeWords(view, id)))}, and ${hosts} all of them`;
}

/** A host's own datastore is named by its host: that is why no other host reaches it. */
function storeWords(view: EngineView, id: string): string {
  const store = view.datastore(id);
  const owner = store?.kind === 'local' && store.hostIds.length === 1 ? view.host(store.hostIds[0] ?? '') : undefined;
  return owner ? `${owner.name}'s local datastore ${store?.name ?? id}` : `datastore ${store?.name ?? id}`;
}

const joined = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
