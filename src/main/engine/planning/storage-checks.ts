// Whether the destination reaches the guest's disks (a compute move) or the chosen datastore, with
// room for them (a move of the disks).

import type { Host } from '../../../shared/model/inventory';
import type { EngineView, Inbound } from './view';
import type { Findings } from './precheck-findings';
import type { Subject } from './precheck-subject';
import { gib, list } from './precheck-words';

/** Where the disks stay, the destination must reach every datastore they are on. */
function checkDisksReachable(view: EngineView, subject: Subject, dest: Host, found: Findings): void {
  let reached = 0;
  for (const id of subject.diskStores) if (dest.datastoreIds.includes(id)) reached++;
  if (reached === subject.diskStores.length) return;
  // Mostly a host of another cluster that reaches none of them: the same words then but the host's
  // name, worded once per subject (ranking refuses tens of thousands of hosts so).
  const { memo } = subject;
  const unreached =
    reached === 0
      ? (memo.noDiskStoreReached ??= unreachedWords(view, subject, subject.diskStores))
      : unreachedWords(
          view,
          subject,
          subject.diskStores.filter((id) => !dest.datastoreIds.includes(id)),
        );
  found.error(
    'STORAGE_NOT_REACHABLE',
    dest.name + unreached,
    `Migrate compute and storage together to copy the disks to a datastore of ${dest.name}.`,
  );
}

/** What follows the host's name when it cannot reach `stores`. */
const unreachedWords = (view: EngineView, subject: Subject, stores: readonly string[]): string =>
  ` cannot reach ${list(stores.map((id) => view.datastore(id)?.name ?? id))}, where ${subject.vm.name}'s disks are.`;

export function checkStorage(
  view: EngineView,
  subject: Subject,
  dest: Host,
  destDatastoreId: string | null,
  inbound: Inbound | undefined,
  found: Findings,
): void {
  const { vm, type } = subject;
  if (type === 'compute') return checkDisksReachable(view, subject, dest, found);
  const store = destDatastoreId ? view.datastore(destDatastoreId) : undefined;
  if (!store || !dest.datastoreIds.includes(store.id)) {
    found.error(
      'DATASTORE_NOT_REACHABLE',
      store ? `${dest.name} cannot reach ${store.name}.` : 'No destination datastore was chosen.',
      `Pick one of ${dest.name}'s datastores.`,
    );
    return;
  }
  if (type === 'storage' && vm.disks.every((d) => d.datastoreId === store.id))
    found.error('SAME_DATASTORE', `${vm.name}'s disks are already on ${store.name}.`, 'Pick another datastore.');
  const need =
    vm.disks.filter((d) => d.datastoreId !== store.id).reduce((s, d) => s + d.allocatedBytes, 0) +
    (inbound?.diskBytesByDatastore.get(store.id) ?? 0);
  if (need > store.freeBytes)
    found.error(
      'DATASTORE_FULL',
      `${store.name} has ${gib(store.freeBytes)} free; the disks need ${gib(need)}.`,
      'Pick a datastore with more free space.',
    );
}
