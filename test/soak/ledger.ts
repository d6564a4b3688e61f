import type { ReadonlyDb } from '../../src/main/store/database';

/** What the soak did itself, counted as it did it: the audit trail must hold a record for each. */
export interface Actions {
  schedulesCreated: number;
  /** Task ids migration.start returned to the soak. */
  startedTaskIds: string[];
  /** Ids of one-off schedules due before the end: each fired or was missed, once. */
  dueOnceScheduleIds: string[];
}

export interface Reconciliation {
  records: number;
  byAction: Record<string, number>;
  tasks: number;
  finalTasks: number;
  /** Each a sentence naming what does not add up; empty when records = actions. */
  mismatches: string[];
}

const finalStates = ['completed', 'completed_with_problems', 'aborted', 'failed'];

/** Records against actions, from the console's own database (read beside it, as an auditor would). */
export function reconcile(db: ReadonlyDb, actions: Actions): Reconciliation {
  const byAction = Object.fromEntries(
    (db.prepare('SELECT action, COUNT(*) AS n FROM audit GROUP BY action').all() as { action: string; n: number }[]).map((r) => [
      r.action,
      r.n,
    ]),
  );
  const count = (sql: string, ...params: unknown[]): number => (db.prepare(sql).get(...params) as { n: number }).n;
  const mismatches: string[] = [];
  const expectEqual = (what: string, records: number, acted: number): void => {
    if (records !== acted) mismatches.push(`${what}: ${records} records for ${acted} actions`);
  };
  const tasks = count('SELECT COUNT(*) AS n FROM tasks');
  const finalTasks = count(`SELECT COUNT(*) AS n FROM tasks WHERE state IN (${finalStates.map(() => '?').join(',')})`, ...finalStates);
  const startedTasks = count("SELECT COUNT(*) AS n FROM tasks WHERE json_extract(data, '$.startedAt') IS NOT NULL");

  expectEqual('schedule.created', byAction['schedule.created'] ?? 0, actions.schedulesCreated);
  // Every task the engine took on: requested once, started once if it started, finished once if it ended.
  expectEqual('migration.requested', byAction['migration.requested'] ?? 0, tasks);
  expectEqual(
    'tasks with a migration.requested record',
    count("SELECT COUNT(DISTINCT task_id) AS n FROM audit WHERE action = 'migration.requested'"),
    tasks,
  );
  expectEqual('migration.started', byAction['migration.started'] ?? 0, startedTasks);
  expectEqual('migration.finished', byAction['migration.finished'] ?? 0, finalTasks);
  expectEqual(
    'tasks with a migration.finished record',
    count("SELECT COUNT(DISTINCT task_id) AS n FROM audit WHERE action = 'migration.finished'"),
    finalTasks,
  );
  // The soak's own migration.start calls, each a task with its requested record.
  const requested = db.prepare("SELECT 1 FROM audit WHERE action = 'migration.requested' AND task_id = ?");
  expectEqual(
    'migration.start tasks with a record',
    actions.startedTaskIds.filter((id) => requested.get(id)).length,
    actions.startedTaskIds.length,
  );
  // Each one-off schedule due: exactly one fired or missed record names it.
  const handled = db.prepare("SELECT COUNT(*) AS n FROM audit WHERE action IN ('schedule.fired', 'schedule.missed') AND details LIKE ?");
  const wrong = actions.dueOnceScheduleIds.filter((id) => (handled.get(`%(${id})%`) as { n: number }).n !== 1);
  if (wrong.length > 0)
    mismatches.push(
      `${wrong.length} of ${actions.dueOnceScheduleIds.length} one-off schedules due have not exactly one fired or missed record (${wrong.slice(0, 3).join(', ')})`,
    );
  // Each task a fired schedule names exists.
  const fired = db.prepare("SELECT details FROM audit WHERE action = 'schedule.fired' AND outcome = 'queued'").all() as {
    details: string;
  }[];
  const named = fired.flatMap((r) => /tasks (.+)$/.exec(r.details)?.[1]?.split(', ') ?? []);
  const exists = db.prepare('SELECT 1 FROM tasks WHERE id = ?');
  expectEqual('tasks named by schedule.fired that exist', named.filter((id) => exists.get(id)).length, named.length);
  return { records: count('SELECT COUNT(*) AS n FROM audit'), byAction, tasks, finalTasks, mismatches };
}
