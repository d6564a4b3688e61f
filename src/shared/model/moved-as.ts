import type { MigrationType } from './migration';

interface Move {
  type: MigrationType;
  destDatastoreId: string | null;
}

/**
 * How a VM's move goes for its disks: a compute-and-storage move whose VM has every disk on the
 * chosen datastore already has nothing to copy, so it moves compute only, as vCenter does. It copied
 * 53 GiB onto the store the disks sat on, for 50 s before the memory moved (new-user review 14, 5).
 */
export function movedAs<T extends Move>(disks: readonly { datastoreId: string }[], move: T): T {
  const stays = move.type === 'both' && disks.length > 0 && disks.every((d) => d.datastoreId === move.destDatastoreId);
  return stays ? { ...move, type: 'compute', destDatastoreId: null } : move;
}
