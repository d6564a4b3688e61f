// A host's health from its inventory reads. One failed read is a blip (a daemon restarting, a busy
// host): acting on it could evacuate a host for nothing, so a host turns degraded only after a run
// of failed reads in a row, and says why.

import type { HostHealth } from '../../../../shared/model/inventory';
import type { HostSnapshot } from '../hosts/host-snapshot';

/** Consecutive failed inventory reads (one per discovery) before a host that answers is degraded. */
export const FAILED_READS_BEFORE_DEGRADED = 3;

export interface HealthVerdict {
  health: HostHealth;
  /** Why it is not ok, in words for the admin and the audit; null when ok. */
  reason: string | null;
}

const ok: HealthVerdict = { health: 'ok', reason: null };

/** Degraded when a pool its guests' disks are in is not running (a state the read saw, not a failed read). */
export function poolVerdict(snapshot: HostSnapshot): HealthVerdict {
  const inactive = snapshot.pools.filter((p) => !p.active && p.def.targetPath);
  const used = inactive.filter((p) =>
    snapshot.domains.some((d) => d.def.disks.some((disk) => disk.path?.startsWith(`${p.def.targetPath as string}/`))),
  );
  if (used.length === 0) return ok;
  return { health: 'degraded', reason: `storage pool ${used.map((p) => p.def.name).join(', ')} is not running; guests' disks are in it` };
}

/** Counts failed reads per host; a success ends the run. */
export class ReadFailures {
  private readonly runs = new Map<string, { count: number; last: string }>();

  failed(hostId: string, message: string): void {
    const run = this.runs.get(hostId);
    this.runs.set(hostId, { count: (run?.count ?? 0) + 1, last: message });
  }

  succeeded(hostId: string): void {
    this.runs.delete(hostId);
  }

  /** Forgets the hosts no longer managed. */
  retain(managed: { has(hostId: string): boolean }): void {
    for (const hostId of this.runs.keys()) if (!managed.has(hostId)) this.runs.delete(hostId);
  }

  /** The host's verdict: degraded once its failed reads in a row reach the threshold, else what its last snapshot shows. */
  verdict(hostId: string, snapshot: HostSnapshot): HealthVerdict {
    const run = this.runs.get(hostId);
    if (run && run.count >= FAILED_READS_BEFORE_DEGRADED)
      return { health: 'degraded', reason: `${run.count} inventory reads in a row failed (last: ${run.last})` };
    return poolVerdict(snapshot);
  }
}
