// The migration link between two hosts as it performed: each completed migration that had the
// link to itself leaves the bandwidth it achieved, and what it cost besides the copy; predictions use
// the median of the recent ones (robust to one slow or lucky run) instead of the speed configured or
// assumed for the hosts and a generic setup and switchover time.

import type { Task, TimelinePoint } from '../../../shared/model/migration';
import type { Logger } from '../../base/logger';
import type { LinkSpeedRepository } from '../../store/link-speeds';
import { predict } from './prediction';

export interface LearnedLink {
  bytesPerSecond: number;
  /** How many completed migrations the median is over. */
  samples: number;
  lastAt: string;
  /** Median time of a move besides its copy, and of its switchover beyond the last pass; null until learned. */
  fixedMs: number | null;
  switchoverMs: number | null;
}

/**
 * What a completed migration cost besides what the prediction model's copy explains at the
 * bandwidth it achieved: the rest of its duration (connections, the destination starting, checks,
 * verification), and the rest of its downtime once the model's last pass is paid for (pausing,
 * device state, resuming). Measured against the model itself, so a next prediction that adds them
 * back to the same model lands on what this move took (an idle guest sends far less than its
 * memory: subtracting the bytes sent instead would count its copy twice).
 */
export function achievedOverheads(task: Task, bytesPerSecond: number): { fixedMs: number | null; switchoverMs: number | null } {
  const outcome = task.outcome;
  if (!outcome) return { fixedMs: null, switchoverMs: null };
  const copy = predict({
    type: task.type,
    memoryBytes: task.progress.memoryTotalBytes,
    dirtyRateBps: task.prediction?.basis?.dirtyRateBps ?? 0,
    bandwidthBps: bytesPerSecond,
    diskBytes: task.progress.diskTotalBytes,
    diskWriteRateBps: 0,
    storageBps: bytesPerSecond,
    policy: task.options.convergence,
    postCopyAvailable: false,
    learnedFixedMs: 0,
    learnedSwitchoverMs: 0,
  });
  return {
    fixedMs: copy.durationMs === null ? null : Math.max(0, outcome.durationMs - copy.durationMs),
    switchoverMs: outcome.downtimeMs === null || copy.downtimeMs === null ? null : Math.max(0, outcome.downtimeMs - copy.downtimeMs),
  };
}

const medianOf = (values: readonly (number | null | undefined)[]): number | null =>
  median(values.filter((v): v is number => typeof v === 'number'));

export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * What a finished migration says of its link, bytes/s; null when it says nothing: it did not
 * complete, moved no memory over the link (storage-only or cold), ran under a bandwidth limit (that
 * measures the limit), or the hypervisor reported no bandwidth. The median of the bandwidth the
 * hypervisor reported per pass, and at the end (libvirt's completed job: the average).
 */
export function achievedBandwidth(task: Task, timeline: readonly TimelinePoint[]): number | null {
  if (task.state !== 'completed' || task.type === 'storage' || task.cold) return null;
  if (task.options.bandwidthLimitBps !== null) return null;
  const seen = [...timeline.filter((p) => p.phase === 'memory').map((p) => p.bandwidthBps), task.progress.bandwidthBps].filter(
    (b) => b > 0,
  );
  return median(seen);
}

/** Another migration ran on either of the task's hosts while it did: its bandwidth was a share. */
export function overlapped(task: Task, others: readonly Task[]): boolean {
  const start = Date.parse(task.startedAt ?? '');
  const end = Date.parse(task.finishedAt ?? '');
  const hosts = new Set([task.sourceHostId, task.destHostId]);
  return others.some((o) => {
    if (!o.startedAt || !(hosts.has(o.sourceHostId) || hosts.has(o.destHostId))) return false;
    const oEnd = o.finishedAt ? Date.parse(o.finishedAt) : Infinity;
    return Date.parse(o.startedAt) < end && oEnd > start;
  });
}

export class LinkSpeeds {
  constructor(private readonly repo: LinkSpeedRepository) {}

  /** The learned speed from source to destination; null until a completed migration taught one. */
  estimate(sourceHostId: string, destHostId: string): LearnedLink | null {
    const recent = this.repo.recent(sourceHostId, destHostId);
    const bps = median(recent.map((s) => s.bytesPerSecond));
    if (bps === null || !recent[0]) return null;
    return {
      bytesPerSecond: bps,
      samples: recent.length,
      lastAt: recent[0].measuredAt,
      fixedMs: medianOf(recent.map((s) => s.fixedMs)),
      switchoverMs: medianOf(recent.map((s) => s.switchoverMs)),
    };
  }

  /**
   * Learns from a finished migration. `sharedLink`: another migration ran on either host meanwhile,
   * so the bandwidth was a share of the link, not its speed: it is not learned.
   */
  learn(task: Task, timeline: readonly TimelinePoint[], sharedLink: boolean): number | null {
    const bps = sharedLink ? null : achievedBandwidth(task, timeline);
    if (bps === null) return null;
    this.repo.record({
      sourceHostId: task.sourceHostId,
      destHostId: task.destHostId,
      bytesPerSecond: bps,
      taskId: task.id,
      measuredAt: task.finishedAt ?? new Date().toISOString(),
      ...achievedOverheads(task, bps),
    });
    return bps;
  }

  /** Learns from a migration that just ended, if it completed with its hosts to itself; never throws into the run's end. */
  learnFinished(task: Task, board: { recent(limit: number): Task[]; timelineOf(id: string): TimelinePoint[] }, logger: Logger): void {
    if (task.state !== 'completed') return;
    try {
      const others = board.recent(100).filter((t) => t.id !== task.id);
      this.learn(task, board.timelineOf(task.id), overlapped(task, others));
    } catch (error) {
      logger.warn(`cannot learn the link speed from ${task.vmName}'s migration`, error);
    }
  }

  /** Every learned link of a host, both directions, for its Summary. */
  ofHost(hostId: string): (LearnedLink & { sourceHostId: string; destHostId: string })[] {
    const pairs = new Map<string, { sourceHostId: string; destHostId: string }>();
    for (const s of this.repo.ofHost(hostId)) pairs.set(`${s.sourceHostId}\n${s.destHostId}`, s);
    return [...pairs.values()].flatMap(({ sourceHostId, destHostId }) => {
      const learned = this.estimate(sourceHostId, destHostId);
      return learned ? [{ ...learned, sourceHostId, destHostId }] : [];
    });
  }
}
