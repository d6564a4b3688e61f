import type { Vm } from '../../../shared/model/inventory';

/** How many VMs carry each tag: what the search finds tags by, counted once per snapshot. */
export type TagCounts = ReadonlyMap<string, number>;

/**
 * Each tag once per VM, counted without a Set per VM: 40,000 of them were the largest garbage of
 * the console's load, left for a full collection to compact while the admin scrolled.
 */
function count(counts: Map<string, number>, tags: readonly string[], by: number): void {
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] as string;
    if (tags.indexOf(tag) !== i) continue;
    const total = (counts.get(tag) ?? 0) + by;
    if (total > 0) counts.set(tag, total);
    else counts.delete(tag);
  }
}

export function countTags(vms: readonly Vm[]): TagCounts {
  const counts = new Map<string, number>();
  for (let i = 0; i < vms.length; i++) count(counts, (vms[i] as Vm).tags, 1);
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
    count(next, was, -1);
    count(next, now, 1);
  }
  return next ?? counts;
}
