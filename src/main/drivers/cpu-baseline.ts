// Baseline arithmetic both drivers share: which features every CPU of a group offers, and which
// hosts limit that (without any one of them the group would offer more).

/** The features every list has: what a guest may use and still run on any of them. */
export function commonFeatures(featureLists: readonly (readonly string[])[]): string[] {
  const [first, ...rest] = featureLists;
  if (!first) return [];
  const others = rest.map((l) => new Set(l));
  return [...new Set(first)].filter((f) => others.every((set) => set.has(f))).sort();
}

/**
 * The hosts that define a baseline: those whose CPU (with its identical twins) holds it down, so
 * without them the others would offer more. When every host offers the same, all define it.
 */
export function limitingHosts(hosts: readonly { id: string; features: readonly string[] }[]): string[] {
  const groups = new Map<string, { ids: string[]; features: readonly string[] }>();
  for (const h of hosts) {
    const key = [...new Set(h.features)].sort().join(' ');
    const group = groups.get(key) ?? { ids: [], features: h.features };
    group.ids.push(h.id);
    groups.set(key, group);
  }
  const all = [...groups.values()];
  const size = commonFeatures(all.map((g) => g.features)).length;
  const limiting = all.filter((g) => all.length > 1 && commonFeatures(all.filter((o) => o !== g).map((o) => o.features)).length > size);
  return limiting.length > 0 ? limiting.flatMap((g) => g.ids) : hosts.map((h) => h.id);
}
