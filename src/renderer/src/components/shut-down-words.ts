import type { GuestShutDown, TaskState } from '../../../shared/model/migration';
import { formatClock, formatDuration } from './format';

/**
 * The downtime of a guest Ferry shut down for its cold move: unlike a VM off all along, its services
 * are down from the shutdown to its power-on at the destination (issue #14).
 */
const downMs = (s: GuestShutDown): number | null => (s.poweredOnAt === null ? null : Date.parse(s.poweredOnAt) - Date.parse(s.at));

const shutWords = (s: GuestShutDown): string => `Ferry shut the guest down for this cold move at ${formatClock(s.at)}`;

/** What the guest is now, after "Ferry shut it down …": powered on there, left off as asked, or to be powered on. */
function sinceWords(s: GuestShutDown, state: TaskState): string {
  if (s.poweredOnAt !== null) return ` and powered it on at its destination at ${formatClock(s.poweredOnAt)}`;
  if (state === 'aborted' || state === 'failed') return '; the move did not happen: it is powered off where it was';
  if (!s.powerOnAfter) return ' and left it powered off at its destination, as asked';
  const active = state === 'queued' || state === 'running';
  return active ? '; it is powered on at its destination once moved' : '; it was to be powered on at its destination and is not';
}

/** The Downtime cell: how long it was down, or since when it is off. */
export function shutDownText(s: GuestShutDown): string {
  const ms = downMs(s);
  return ms === null ? `off since ${formatClock(s.at)}` : formatDuration(ms);
}

/** Since when it is off, and why: "off since 10:00:00, when Ferry shut the guest down for this cold move; …". */
const offWords = (s: GuestShutDown, state: TaskState): string =>
  `off since ${formatClock(s.at)}, when Ferry shut the guest down for this cold move${sinceWords(s, state)}`;

/** The Downtime cell's title: what the figure runs between. */
export function shutDownTitle(s: GuestShutDown, state: TaskState): string {
  if (downMs(s) !== null) return `${shutWords(s)}${sinceWords(s, state)}`;
  const words = offWords(s, state);
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** The task detail's Downtime line. */
export function shutDownDetail(s: GuestShutDown, state: TaskState): string {
  const ms = downMs(s);
  if (ms !== null) return `${formatDuration(ms)}: ${shutWords(s)}${sinceWords(s, state)}`;
  return state === 'queued' || state === 'running' ? offWords(s, state) : `still off: ${shutWords(s)}${sinceWords(s, state)}`;
}
