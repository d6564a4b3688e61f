import type { HostRating } from '../../../../shared/model/precheck';
import { namedReason } from '../../components/named-reason';

/** The weaker of two fits: fewer stars, or as many and a lower score. */
const isWeaker = (a: HostRating, b: HostRating): boolean => a.rating < b.rating || (a.rating === b.rating && a.score < b.score);

/** A batch is ranked by a sample of its VMs: enough to judge the hosts, and bounded on a large estate. */
export const rankedVms = 20;

/**
 * The VMs a batch is ranked by: up to `rankedVms`, taken from each source cluster in turn. Its first
 * 20 of 40 were all of one cluster, and the other cluster's hosts read "blocked · None of the 20 VMs
 * can move here" though the other 20 VMs could (new-user review 14, 4).
 */
export function rankedSample(vmIds: readonly string[], clusterOf: (vmId: string) => string): string[] {
  if (vmIds.length <= rankedVms) return [...vmIds];
  const byCluster = new Map<string, string[]>();
  for (const id of vmIds) {
    const key = clusterOf(id);
    byCluster.set(key, [...(byCluster.get(key) ?? []), id]);
  }
  const queues = [...byCluster.values()];
  const picked = new Set<string>();
  for (let i = 0; picked.size < rankedVms; i++)
    for (const queue of queues) {
      const id = queue[i];
      if (id !== undefined && picked.size < rankedVms) picked.add(id);
    }
  // In the batch's own order, as its names are listed.
  return vmIds.filter((id) => picked.has(id));
}

/**
 * Hosts ranked for a batch, from each VM's own ranking: a host is as good as its weakest fit among
 * the VMs that can go there, scaled by the share of the batch they are, blocked only when none can,
 * and says which cannot (review 5: the list
 * ranked by the first VM only, so a host half the batch could not use showed five stars). Listed in the
 * order of those stars, the VMs that can go there breaking ties (the first reason says how many cannot),
 * then the score of the weakest fit, whose reasons are the ones shown.
 */
export function batchRanking(perVm: readonly HostRating[][], names: readonly string[]): HostRating[] {
  if (perVm.length <= 1) return [...(perVm[0] ?? [])];
  const byHost = new Map<string, { host: HostRating; fits: HostRating[]; cannot: string[]; blocks: Map<string, string[]> }>();
  perVm.forEach((ratings, i) => {
    for (const rating of ratings) {
      const entry = byHost.get(rating.hostId) ?? { host: rating, fits: [], cannot: [], blocks: new Map<string, string[]>() };
      if (rating.rating > 0) entry.fits.push(rating);
      else {
        const name = names[i] ?? '';
        entry.cannot.push(name);
        const reason = rating.reasons[0] ?? 'blocked';
        entry.blocks.set(reason, [...(entry.blocks.get(reason) ?? []), name]);
      }
      byHost.set(rating.hostId, entry);
    }
  });
  const total = perVm.length;
  const combined = [...byHost.values()].map(({ host, fits, cannot, blocks }): HostRating & { fitting: number } => {
    // A VM that already runs on the host is not in its own ranking: it does not move.
    const absent = total - fits.length - cannot.length;
    const weakest = fits.reduce<HostRating | null>((w, r) => (w === null || isWeaker(r, w) ? r : w), null);
    const none = cannot.length > 0 ? `${cannot.length} of ${total} VMs cannot move here (${cannot.join(', ')})` : null;
    const already = absent > 0 ? `${absent} of ${total} VMs already run here` : null;
    // Each VM's own reason, those sharing one named together: the first VM's reason alone read as
    // every VM's (new-user review 9, 5: a GPU named where most VMs were stopped by their CPU vendor).
    // A reason that names its VMs already is not headed by them again ("VM5: VM5 uses NVIDIA A100…": new-user review).
    const why = [...blocks].map(([reason, vms]) => namedReason(reason, vms));
    if (!weakest) {
      // The others already there are no reason against the host (new-user review 8, m10).
      const head = already ? `${already}; ${cannot.join(', ')} cannot move here` : `None of the ${total} VMs can move here`;
      return { ...host, rating: 0, score: -Infinity, reasons: [head, ...why], fitting: 0 };
    }
    return {
      ...weakest,
      // Stars for the batch: the weakest fit's, scaled by the share of the moving VMs it takes. A host
      // refusing half the batch showed five stars above one refusing a VM (new-user review 10, 1).
      rating: Math.max(1, Math.floor((weakest.rating * fits.length) / (fits.length + cannot.length))),
      // Its score, not the batch's average: ordered by an average, a host whose shown reasons say less room
      // came first (new-user review 8, m9).
      reasons: [none, already, ...why, ...weakest.reasons].filter((r): r is string => r !== null),
      fitting: fits.length,
    };
  });
  // Best first by the stars the admin sees; among equal stars, the host more of the batch can go to (new-user review 7, 6:
  // ordered by that count first, a 3-star host came before a 5-star one).
  combined.sort((a, b) => b.rating - a.rating || b.fitting - a.fitting || b.score - a.score);
  return combined.map(({ fitting: _fitting, ...rating }) => rating);
}
