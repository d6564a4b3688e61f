import type { Task } from '../../../../shared/model/migration';
import { phaseLabels, waitShort } from '../../components/task-labels';
import { formatDuration } from '../../components/format';

/** The phase in words; the memory copy says which pass it is on; a queued move says in a few words why it waits. */
export function phaseText(t: Task): string {
  if (t.state === 'queued') return waitShort(t.waitingFor) || 'Queued';
  if (t.state !== 'running') return '';
  if (t.phase === 'memory' && t.progress.iteration > 0) return `${phaseLabels.memory}, pass ${t.progress.iteration}`;
  return phaseLabels[t.phase];
}

/**
 * While a copy struggles to converge, what the policy is doing about it (a raised downtime limit,
 * auto-converge's throttle, post-copy), and once the guest switched over, that there is no way back.
 */
export function convergenceNote(t: Task): string | null {
  if (t.state !== 'running') return null;
  const p = t.progress;
  const parts: string[] = [];
  if (p.downtimeLimitMs !== null && p.downtimeLimitMs > t.options.convergence.maxDowntimeMs)
    parts.push(`limit ${formatDuration(p.downtimeLimitMs)}`);
  if (p.throttlePercent > 0) parts.push(`throttled ${Math.round(p.throttlePercent)}%`);
  if (p.postCopy) parts.push('post-copy');
  if (t.switchedOver) parts.push('no way back');
  return parts.length ? parts.join(' · ') : null;
}

export const noWayBackWords =
  'Past the point of no return: the guest runs on the destination (switched over or in post-copy); the migration can only finish, cancel is no longer possible.';

const day = 24 * 3_600_000;

/**
 * A queued move's ETA, from its prediction: what is left of the wait its batch's schedule predicted
 * (the Ready page's "after Finish"), then the move itself. null: not planned as a batch (nothing
 * says when it starts), or waiting past its predicted start (nothing says how much longer).
 */
export function queuedEtaMs(t: Task, nowMs: number): number | null {
  const durationMs = t.prediction?.durationMs ?? null;
  const startsInMs = t.prediction?.startsInMs;
  if (t.state !== 'queued' || durationMs === null || startsInMs === undefined) return null;
  const waitLeftMs = Date.parse(t.createdAt) + startsInMs - nowMs;
  return waitLeftMs < 0 ? null : waitLeftMs + durationMs;
}

/** What a queued move's ETA is made of, or why it has none. */
export function queuedEtaTitle(t: Task, nowMs: number): string {
  const p = t.prediction;
  if (p?.durationMs == null || p.startsInMs === undefined) return 'Starts when the queue lets it: not planned as a batch';
  const move = `the move takes about ${formatDuration(p.durationMs)}`;
  if (queuedEtaMs(t, nowMs) === null) return `Waiting longer than predicted when it was requested; then ${move}`;
  return `Predicted when it was requested: it starts ${p.startsInMs > 0 ? `about ${formatDuration(p.startsInMs)} after its request` : 'at once'}, then ${move}`;
}

/** The one ETA the engine keeps for the whole migration, as the row shows it; a queued move's predicted (~). */
export function etaText(t: Task, nowMs = Date.now()): string {
  if (t.state === 'queued') {
    const queued = queuedEtaMs(t, nowMs);
    return queued === null ? '—' : `~${formatDuration(queued)}`;
  }
  if (t.state !== 'running') return '—';
  if (!t.progress.postCopy && (t.phase === 'switchover' || t.phase === 'verify' || t.phase === 'commit')) return 'finishing';
  if (t.progress.etaMs === null) return '—';
  // A copy outrun by its guest (or a cap below its dirty rate) predicts millions of hours: say what that means, in a word that fits.
  if (t.progress.etaMs > day) return '> 1 day';
  // In whole seconds: "731 ms" left is a precision no estimate has.
  return t.progress.etaMs < 1000 ? '< 1 s' : formatDuration(t.progress.etaMs);
}
