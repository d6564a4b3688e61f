import { z } from 'zod';
import { PowerState } from '../../../../shared/model/inventory';
import type { Sort, VmFilter } from './vm-rows';

/*
 * The VM list's filters and sort as a reload finds them (localStorage, like the view and the
 * selection). What is read back was written by another version or by hand as often as by us:
 * anything that is not exactly a filter or a sort is ignored, and the list starts unfiltered.
 */

const tristate = z.enum(['any', 'yes', 'no']);
const gib = z.number().finite().nonnegative().nullable();

const storedFilter = z
  .object({
    name: z.string(),
    host: z.string(),
    power: z.union([PowerState, z.literal('any')]),
    minMemoryGiB: gib,
    maxMemoryGiB: gib,
    tag: z.string(),
    missionCritical: tristate,
    migrating: tristate,
  })
  .strict() satisfies z.ZodType<VmFilter>;

const storedSort = z
  .object({
    field: z.enum(['name', 'hostName', 'power', 'memoryBytes', 'tags', 'missionCritical', 'migrating']),
    direction: z.enum(['asc', 'desc']),
  })
  .strict()
  .nullable() satisfies z.ZodType<Sort | null>;

export const vmFilterKey = 'vmList.filter';
export const vmSortKey = 'vmList.sort';

export const isStoredVmFilter = (value: unknown): value is VmFilter => storedFilter.safeParse(value).success;
export const isStoredSort = (value: unknown): value is Sort | null => storedSort.safeParse(value).success;
