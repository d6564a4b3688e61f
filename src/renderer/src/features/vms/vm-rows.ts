import type { PowerState, Vm } from '../../../../shared/model/inventory';
import { formatCount } from '../../components/format';
import { counted } from '../../components/plural';

/**
 * What the VM list shows beside a VM's own fields. The list filters and sorts the inventory's VM
 * objects themselves: a flattened copy of 40,000 of them, made again at each inventory change,
 * was most of what the list allocated, and the full collection that followed dropped a frame.
 */
export interface VmFacts {
  hostNames: ReadonlyMap<string, string>;
  /** VMs with a migration queued or running. */
  migrating: ReadonlySet<string>;
}

export const hostNameOf = (vm: Vm, facts: VmFacts): string => facts.hostNames.get(vm.hostId) ?? vm.hostId;

const powerWords: Record<PowerState, string> = { running: 'running', paused: 'paused', off: 'powered off', unknown: 'power unknown' };

/** A row's accessible name: what tells rows apart to a screen reader ("web-01, on esx-3, running, migrating"). */
export const rowLabel = (vm: Vm, hostName: string, migrating: boolean): string =>
  `${vm.name}, on ${hostName}, ${powerWords[vm.power]}${migrating ? ', migrating' : ''}`;

/**
 * How many VMs the list shows beside Clear filters: "1 VM", "3 of 12 VMs" (it read "1 VMs"; new-user
 * review 8, c1); while the inventory loads, that it loads ("0 VMs" for 10 s on the large preset: review 17, 8).
 */
export const shownWords = (shown: number, total: number, loading = false): string =>
  loading ? 'Loading VMs…' : shown === total ? counted(total, 'VM') : `${formatCount(shown)} of ${counted(total, 'VM')}`;

export type Tristate = 'any' | 'yes' | 'no';

export interface VmFilter {
  name: string;
  host: string;
  power: PowerState | 'any';
  /** GiB; null: no bound. */
  minMemoryGiB: number | null;
  maxMemoryGiB: number | null;
  tag: string;
  missionCritical: Tristate;
  migrating: Tristate;
}

export const noFilter: VmFilter = {
  name: '',
  host: '',
  power: 'any',
  minMemoryGiB: null,
  maxMemoryGiB: null,
  tag: '',
  missionCritical: 'any',
  migrating: 'any',
};

/** Filters nothing, whether it is noFilter itself or one read back after a reload. */
export const isNoFilter = (filter: VmFilter): boolean =>
  (Object.keys(noFilter) as (keyof VmFilter)[]).every((key) => filter[key] === noFilter[key]);

export type SortField = 'name' | 'hostName' | 'power' | 'memoryBytes' | 'tags' | 'missionCritical' | 'migrating';
export interface Sort {
  field: SortField;
  direction: 'asc' | 'desc';
}

const GiB = 1024 ** 3;

const matches = (want: Tristate, value: boolean) => want === 'any' || (want === 'yes') === value;

/** Straight and typographic quotes alike: a pasted ‘web’ means what a typed 'web' does. */
const quotes = `"'‘’“”`;
const isQuote = (c: string | undefined): boolean => c !== undefined && quotes.includes(c);

/**
 * The Tag filter: a tag containing the text, or, in quotes (double or single), that tag alone (a tag
 * opened from the search: "anti-affinity:web" is not "anti-affinity:web-eu"). A quote left open (as
 * while typing one) or closed without an opening is dropped: part of a tag again, never a list
 * emptied by a quote. Null when it filters nothing (empty quotes too).
 */
export function tagMatcher(text: string): ((tag: string) => boolean) | null {
  const wanted = text.trim().toLowerCase();
  const opens = isQuote(wanted[0]);
  const closes = wanted.length > 1 && isQuote(wanted[wanted.length - 1]);
  const inner = wanted.slice(opens ? 1 : 0, closes ? -1 : undefined).trim();
  if (!inner) return null;
  if (!opens || !closes) return (tag) => tag.toLowerCase().includes(inner);
  // A tag that is the text quotes and all ('draft') still matches itself.
  return (tag) => {
    const lower = tag.toLowerCase();
    return lower === inner || lower === wanted;
  };
}

/** The Tag filter's text that keeps exactly one tag. */
export const exactTag = (tag: string): string => `"${tag}"`;

/** The VMs that pass every filter, on the given hosts only when `hostIds` is given (the list's scope). */
export function filterVms(
  vms: ReadonlyMap<string, Vm> | readonly Vm[],
  filter: VmFilter,
  facts: VmFacts,
  hostIds: ReadonlySet<string> | null = null,
): Vm[] {
  const name = filter.name.trim().toLowerCase();
  const host = filter.host.trim().toLowerCase();
  const hasTag = tagMatcher(filter.tag);
  const min = filter.minMemoryGiB === null ? -Infinity : filter.minMemoryGiB * GiB;
  const max = filter.maxMemoryGiB === null ? Infinity : filter.maxMemoryGiB * GiB;
  // Made at its largest and cut to what passed: grown by push, the arrays it outgrew were garbage
  // a full collection compacts while the list scrolls.
  const shown = new Array<Vm>('size' in vms ? vms.size : vms.length);
  let passed = 0;
  vms.forEach((vm) => {
    if (
      (!hostIds || hostIds.has(vm.hostId)) &&
      (!name || vm.name.toLowerCase().includes(name)) &&
      (!host || hostNameOf(vm, facts).toLowerCase().includes(host)) &&
      (filter.power === 'any' || vm.power === filter.power) &&
      vm.memoryBytes >= min &&
      vm.memoryBytes <= max &&
      (!hasTag || vm.tags.some(hasTag)) &&
      matches(filter.missionCritical, vm.missionCritical) &&
      // Asked only when the filter is set: V8 internalizes every string a Set is asked for, and
      // 40,000 VM ids in its string table lengthen every full collection's pause.
      (filter.migrating === 'any' || matches(filter.migrating, facts.migrating.has(vm.id)))
    )
      shown[passed++] = vm;
  });
  shown.length = passed;
  return shown;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const byName = (a: Vm, b: Vm) => collator.compare(a.name, b.name);

/** The comparer of one column; the tags' keys, which cost to make, are made once per sort. */
function comparerOf(field: SortField, vms: Vm[], facts: VmFacts): (a: Vm, b: Vm) => number {
  switch (field) {
    case 'name':
      return byName;
    case 'hostName':
      return (a, b) => collator.compare(hostNameOf(a, facts), hostNameOf(b, facts));
    case 'power':
      return (a, b) => collator.compare(a.power, b.power);
    case 'memoryBytes':
      return (a, b) => a.memoryBytes - b.memoryBytes;
    case 'tags': {
      const keys = new Map(vms.map((vm) => [vm, vm.tags.join('\n')]));
      return (a, b) => collator.compare(keys.get(a) ?? '', keys.get(b) ?? '');
    }
    case 'missionCritical':
      return (a, b) => Number(a.missionCritical) - Number(b.missionCritical);
    case 'migrating':
      return (a, b) => Number(facts.migrating.has(a.id)) - Number(facts.migrating.has(b.id));
  }
}

/** Sorted by one column, ties by name; the list given is not changed. */
export function sortVms(vms: Vm[], sort: Sort | null, facts: VmFacts): Vm[] {
  if (!sort) return vms;
  const by = comparerOf(sort.field, vms, facts);
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...vms].sort((a, b) => sign * by(a, b) || byName(a, b));
}
