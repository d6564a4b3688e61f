// What the Scheduled view says of a schedule: its timing in words and zone, the next runs on that
// zone's clock, where it moves the VMs, and how its last run went (from the tasks it made).

import type { Datastore, Host } from '../../../../shared/model/inventory';
import type { Task } from '../../../../shared/model/migration';
import type { Schedule } from '../../../../shared/model/schedule';
import { describeRecurring } from '../../components/describe-cron';
import { formatInZone } from '../../components/zone-time';

/** The zone a schedule's times are shown in: its own, or (for old one-off schedules) the browser's. */
export const zoneOf = (s: Schedule): string => s.timing.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

export const whenOf = (s: Schedule): string =>
  s.timing.kind === 'once'
    ? `once, ${formatInZone(s.timing.at, zoneOf(s))} ${zoneOf(s)}`
    : describeRecurring(s.timing.cron, s.timing.timezone);

/** The next runs on the schedule's clock, one string each; ['—'] when none is due. */
export const nextRunList = (s: Schedule, count = 3): string[] => {
  const runs = s.nextRuns.slice(0, count).map((t) => formatInZone(t, zoneOf(s)));
  return runs.length > 0 ? runs : ['—'];
};

export const nextRunsOf = (s: Schedule, count = 3): string => nextRunList(s, count).join(' · ');

export function destinationOf(s: Schedule, hosts: ReadonlyMap<string, Host>, datastores: readonly Datastore[]): string {
  const host = s.request.destHostId ? (hosts.get(s.request.destHostId)?.name ?? s.request.destHostId) : null;
  const store = s.request.destDatastoreId
    ? (datastores.find((d) => d.id === s.request.destDatastoreId)?.name ?? s.request.destDatastoreId)
    : null;
  return [host, store && `datastore ${store}`].filter(Boolean).join(', ') || '—';
}

export type LastResult =
  | { kind: 'never' }
  | { kind: 'fired'; at: string }
  | { kind: 'missed'; at: string }
  | { kind: 'refused'; at: string; message: string }
  | { kind: 'tasks'; state: Task['state']; count: number; at: string };

/** The last run: the tasks of its newest firing, worst state first (failed over running over completed). */
export function lastResultOf(s: Schedule, tasks: readonly Task[]): LastResult {
  if (!s.lastFiredAt) return { kind: 'never' };
  // Late past its grace period (Ferry down, computer asleep): the run did not start.
  if (s.lastMissedAt === s.lastFiredAt) return { kind: 'missed', at: s.lastMissedAt };
  // Refused by the engine (the VM already where it goes, a check failing): no task says so.
  if (s.lastRefusal && s.lastRefusal.at === s.lastFiredAt) return { kind: 'refused', at: s.lastRefusal.at, message: s.lastRefusal.message };
  const mine = tasks.filter((t) => t.scheduleId === s.id).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const newest = mine[0];
  if (!newest) return { kind: 'fired', at: s.lastFiredAt };
  const run = mine.filter((t) => t.createdAt === newest.createdAt);
  const order: Task['state'][] = ['failed', 'aborted', 'running', 'queued', 'completed_with_problems', 'completed'];
  const state = order.find((st) => run.some((t) => t.state === st)) ?? newest.state;
  return { kind: 'tasks', state, count: run.length, at: newest.createdAt };
}
