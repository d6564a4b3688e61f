import { z } from 'zod';

/**
 * A tag: one word an admin can type and read back (no spaces or commas, so a list of them can be
 * written as text). Affinity rules are tags too: `affinity:<group>` draws a VM towards hosts that
 * run its group, `anti-affinity:<group>` pushes it away from them (see planning/recommend.ts).
 */
export const VmTag = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'letters, digits, ".", "_", ":" and "-" only, starting with a letter or digit');

/** The VM attributes Ferry itself keeps (any backend), by the VM's stable id. */
export const VmAttributes = z.strictObject({
  missionCritical: z.boolean(),
  tags: z
    .array(VmTag)
    .max(64)
    .refine((tags) => new Set(tags).size === tags.length, 'each tag once'),
});
export type VmAttributes = z.infer<typeof VmAttributes>;

export const affinityPrefix = 'affinity:';
export const antiAffinityPrefix = 'anti-affinity:';

/** Tags split the way the console edits them: plain tags, affinity groups, anti-affinity groups. */
export interface TagGroups {
  tags: string[];
  affinity: string[];
  antiAffinity: string[];
}

export function groupTags(tags: readonly string[]): TagGroups {
  const groups: TagGroups = { tags: [], affinity: [], antiAffinity: [] };
  for (const tag of tags) {
    if (tag.startsWith(affinityPrefix)) groups.affinity.push(tag.slice(affinityPrefix.length));
    else if (tag.startsWith(antiAffinityPrefix)) groups.antiAffinity.push(tag.slice(antiAffinityPrefix.length));
    else groups.tags.push(tag);
  }
  return groups;
}

export const tagsOf = (groups: TagGroups): string[] => [
  ...groups.tags,
  ...groups.affinity.map((g) => affinityPrefix + g),
  ...groups.antiAffinity.map((g) => antiAffinityPrefix + g),
];
