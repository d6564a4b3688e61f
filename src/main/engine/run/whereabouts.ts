import type { MigrationJobSpec, VmPlacement } from '../../drivers/driver';

/**
 * Where a migrating guest is, read from its domains on every host, never from "paused" alone:
 * - `source`: it runs (or can resume) whole on its source; whatever is on the destination is a
 *   copy that never took over, so rolling back is safe;
 * - `destination`: it runs whole on the destination; the source holds at most a stopped copy, so
 *   the move goes forward (verify, commit) whatever failed on the way;
 * - `split`: a post-copy holds its memory on both sides (under way, or failed): neither side may be
 *   destroyed; the job is watched to its end, recovered, or left for the admin;
 * - `twice`, `nowhere`: it needs the admin; Ferry touches nothing.
 */
export type Whereabouts =
  { kind: 'source' } | { kind: 'destination' } | { kind: 'split'; failed: boolean } | { kind: 'twice' } | { kind: 'nowhere' };

type Spec = Pick<MigrationJobSpec, 'sourceHostId' | 'destHostId' | 'cold'>;

export function whereabouts(placements: readonly VmPlacement[], spec: Spec): Whereabouts {
  const halves = placements.filter((p) => p.copy === 'postcopy' || p.copy === 'postcopy-failed');
  if (halves.length > 0) return { kind: 'split', failed: halves.some((p) => p.copy === 'postcopy-failed') };
  const on = (hostId: string) => placements.find((p) => p.hostId === hostId);
  const source = on(spec.sourceHostId);
  const dest = spec.destHostId === spec.sourceHostId ? undefined : on(spec.destHostId);
  if (spec.cold) {
    // A cold guest is where it is defined.
    if (source && dest) return { kind: 'twice' };
    if (dest) return { kind: 'destination' };
    return source ? { kind: 'source' } : { kind: 'nowhere' };
  }
  const runs = (p: VmPlacement | undefined) => p?.power === 'running' && p.copy === 'whole';
  // Paused on the source: by a user, or stopped for the switchover; its memory is whole either way.
  const resumable = (p: VmPlacement | undefined) => p?.power === 'paused' && (p.copy === 'whole' || p.copy === 'migrating');
  if (runs(source) && runs(dest)) return { kind: 'twice' };
  if (runs(dest)) return { kind: 'destination' };
  if (runs(source) || resumable(source)) return { kind: 'source' };
  return { kind: 'nowhere' };
}
