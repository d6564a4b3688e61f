import type { Phase, Task, TaskState, TimelinePoint } from '../../shared/model/migration';
import type { WritableDb } from './database';

export interface JournalEntry {
  seq: number;
  phase: Phase;
  at: string;
  note: string | null;
}

/** Tasks are stored as JSON; fields added later get the value they had before they existed. */
/** Tasks stored before a field existed get its default (the outcome's too). */
const taskOf = (data: string): Task => {
  const task = {
    cold: false,
    shutDownForMove: null,
    switchedOver: false,
    sourceBootId: null,
    sourceAgentClock: null,
    verification: null,
    ...(JSON.parse(data) as Partial<Task>),
  } as Task;
  if (task.progress && (task.progress as Partial<Task['progress']>).downtimeLimitMs === undefined)
    task.progress = { ...task.progress, downtimeLimitMs: null };
  return task.outcome ? { ...task, outcome: { ...task.outcome, verification: task.outcome.verification ?? null } } : task;
};

class TaskConflictError extends Error {
  override name = 'TaskConflictError';
}

/** Migration tasks, their phase journal and their per-iteration timelines. */
export class TaskRepository {
  constructor(private readonly db: WritableDb) {}

  /** Inserts tasks atomically; a VM that already has an active task makes the whole batch fail. */
  insertAll(tasks: readonly Task[]): void {
    const insert = this.db.prepare(
      'INSERT INTO tasks (id, vm_id, state, phase, created_at, finished_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    try {
      this.db.transaction(() => {
        for (const t of tasks) insert.run(t.id, t.vmId, t.state, t.phase, t.createdAt, t.finishedAt, JSON.stringify(t));
      })();
    } catch (error) {
      if (String(error).includes('UNIQUE')) throw new TaskConflictError('a VM of this request already has a migration queued or running');
      throw error;
    }
  }

  save(task: Task): void {
    this.db
      .prepare('UPDATE tasks SET state = ?, phase = ?, finished_at = ?, data = ? WHERE id = ?')
      .run(task.state, task.phase, task.finishedAt, JSON.stringify(task), task.id);
  }

  get(id: string): Task | undefined {
    const row = this.db.prepare('SELECT data FROM tasks WHERE id = ?').get(id) as { data: string } | undefined;
    return row ? taskOf(row.data) : undefined;
  }

  active(): Task[] {
    // In the order they were requested (rowid), also among those requested in one millisecond: the queue's order.
    return this.rows("SELECT data FROM tasks WHERE state IN ('queued', 'running') ORDER BY created_at, rowid");
  }

  /**
   * The newest tasks first, plus every active one. Ties (a batch requested in one millisecond) go by
   * request order (rowid), not by their random ids: a reload listed a batch shuffled.
   */
  recent(limit: number): Task[] {
    return this.rows(
      `SELECT data FROM tasks WHERE state IN ('queued', 'running') OR rowid IN (SELECT rowid FROM tasks ORDER BY created_at DESC, rowid DESC LIMIT ${Math.max(1, Math.floor(limit))}) ORDER BY created_at DESC, rowid DESC`,
    );
  }

  /** The tasks of one request or operation (a maintenance's failback), oldest first. */
  inBatch(batchId: string): Task[] {
    return this.rows("SELECT data FROM tasks WHERE json_extract(data, '$.batchId') = ? ORDER BY created_at, rowid", batchId);
  }

  forVm(vmId: string, limit = 100): Task[] {
    return this.rows('SELECT data FROM tasks WHERE vm_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?', vmId, limit);
  }

  /** Records that a task enters `phase`; written before the phase's side effects. */
  journal(taskId: string, phase: Phase, at: string, note: string | null = null): void {
    this.db.transaction(() => {
      const { next } = this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM task_journal WHERE task_id = ?').get(taskId) as {
        next: number;
      };
      this.db.prepare('INSERT INTO task_journal (task_id, seq, phase, at, note) VALUES (?, ?, ?, ?, ?)').run(taskId, next, phase, at, note);
      this.db.prepare('UPDATE tasks SET phase = ? WHERE id = ?').run(phase, taskId);
    })();
  }

  journalOf(taskId: string): JournalEntry[] {
    return this.db.prepare('SELECT seq, phase, at, note FROM task_journal WHERE task_id = ? ORDER BY seq').all(taskId) as JournalEntry[];
  }

  appendTimeline(taskId: string, point: TimelinePoint): void {
    this.db
      .prepare(
        'INSERT INTO task_timeline (task_id, seq, point) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM task_timeline WHERE task_id = ?), ?)',
      )
      .run(taskId, taskId, JSON.stringify(point));
  }

  timeline(taskId: string): TimelinePoint[] {
    return (this.db.prepare('SELECT point FROM task_timeline WHERE task_id = ? ORDER BY seq').all(taskId) as { point: string }[]).map(
      (r) => JSON.parse(r.point) as TimelinePoint,
    );
  }

  countByState(): Record<TaskState, number> {
    const counts = { queued: 0, running: 0, completed: 0, completed_with_problems: 0, aborted: 0, failed: 0 };
    for (const row of this.db.prepare('SELECT state, COUNT(*) AS n FROM tasks GROUP BY state').all() as { state: TaskState; n: number }[])
      counts[row.state] = row.n;
    return counts;
  }

  private rows(sql: string, ...params: unknown[]): Task[] {
    return (this.db.prepare(sql).all(...params) as { data: string }[]).map((r) => taskOf(r.data));
  }
}
