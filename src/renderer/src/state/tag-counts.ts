import type { Vm } from '../../../shared/model/inventory';

/** How many VMs carry each tag: what the search finds tags by, counted once per snapshot. */
export type TagCounts = ReadonlyMap<string, number>;

export function countTags(vms: Iterable<Vm>): TagCounts {
  const counts = new Map<string, number>();
  for (const vm of vms) for (const tag of new Set(vm.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return counts;
}

const sameTags = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((t, i) => t === b[i]);

/**
 * The counts after some VMs changed (`before` undefined: added; `after` undefined: removed): work
 * per changed VM, not per VM of the estate, and the same Map when no VM's tags changed.
 */
export function tagsAfter(counts: TagCounts, changes: Iterable<[before: Vm | undefined, after: Vm | undefined]>): TagCounts {
  let next: Map<string, number> | null = null;
  for (const [before, after] of changes) {
    const was = before?.tags ?? [];
    const now = after?.tags ?? [];
    if (sameTags(was, now)) continue;
    next ??= new Map(counts);
    for (const tag of new Set(was)) {
      const left = (next.get(tag) ?? 1) - 1;
      if (left > 0) next.set(tag, left);
      else next.delete(tag);
    }
    for (const tag of new Set(now)) next.set(tag, (next.get(tag) ?? 0) + 1);
  }
  return next ?? counts;
}
