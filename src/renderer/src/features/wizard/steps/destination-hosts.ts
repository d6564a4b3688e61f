import type { HostRating } from '../../../../../shared/model/precheck';

/** How many ranked hosts the Destination step lists: at 2,000 hosts a full list took seconds and a Tab stop per host. */
export const listedHosts = 100;

/**
 * The ranked hosts the Destination step lists: those whose name holds `find` (any case), the best
 * `limit` of them, and the chosen host among them wherever it ranks, so the choice stays in sight.
 */
export function hostsToList(
  ratings: readonly HostRating[],
  find: string,
  chosenId: string | null,
  limit = listedHosts,
): { listed: HostRating[]; matching: number } {
  const needle = find.trim().toLowerCase();
  const matching = needle ? ratings.filter((r) => r.hostName.toLowerCase().includes(needle)) : ratings;
  const listed = matching.slice(0, limit);
  const chosen = matching.find((r) => r.hostId === chosenId);
  if (chosen && !listed.includes(chosen)) listed.push(chosen);
  return { listed, matching: matching.length };
}
