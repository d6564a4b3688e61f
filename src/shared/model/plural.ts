/** "1 VM", "2 VMs": a count with its noun in agreement, for main's messages (the renderer's plural.ts adds digit grouping). */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The verb after a count: "1 VM moves", "2 VMs move". */
export const agrees = (n: number, singular: string, plural: string): string => (n === 1 ? singular : plural);
