import type { HostRating } from '../../../../shared/model/precheck';

/** A host that refuses the VM only because it does not reach the VM's disks: a move with them would do. */
const refusesOnlyForDisks = (r: HostRating): boolean => {
  const errors = r.checks.filter((c) => c.severity === 'error');
  return r.rating === 0 && errors.length > 0 && errors.every((c) => c.code === 'STORAGE_NOT_REACHABLE');
};

/**
 * The VMs (of `perVm`, each VM's own ranking, named by `names`) no host takes as ranked, some host
 * refusing only because it does not reach their disks: the move type that copies the disks along
 * would find them a host (new-user review 12, 15).
 */
export function vmsHeldByTheirDisks(perVm: readonly (readonly HostRating[])[], names: readonly string[]): string[] {
  return perVm.flatMap((ratings, i) => (ratings.every((r) => r.rating === 0) && ratings.some(refusesOnlyForDisks) ? [names[i] ?? ''] : []));
}

const joined = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;

/** Why every host is blocked for them, and what the move type that takes their disks along does. */
export function diskBoundWords(names: readonly string[], batchSize: number): string {
  const one = names.length === 1;
  const [them, their, they] = one ? ['it', 'its disk is', 'it moves'] : ['them', 'their disks are', 'they move'];
  const copies = one ? 'its disk' : 'their disks';
  const rest = batchSize > names.length ? '; every VM of the batch then moves with its disks' : '';
  return (
    `No host takes ${joined(names)} as a compute-only move: the hosts that could run ${them} do not reach the storage ${their} on. ` +
    `Changing both compute and storage (shared-nothing) copies ${copies} to the destination's datastore as ${they}${rest}.`
  );
}
