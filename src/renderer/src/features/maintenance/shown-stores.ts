import type { PlannedMove } from '../../../../shared/model/operations';

/**
 * The stores a failback plan shows for disks going back other than where they came from, by VM:
 * what the confirm sends, so the moves that run put the disks where the plan shown said.
 */
export function shownStores(moves: readonly PlannedMove[]): Record<string, string> {
  const stores: Record<string, string> = {};
  for (const { vmId, storeChoice } of moves) {
    const selected = storeChoice?.choices.find((c) => c.datastoreId === storeChoice.selectedId);
    if (selected && !selected.origin) stores[vmId] = selected.datastoreId;
  }
  return stores;
}
