// Tasks are JSON rows: one stored before a field existed reads back with that field's default.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/store/database';
import { TaskRepository } from '../../src/main/store/tasks';
import { useTempDirs } from '../helpers/temp-dir';

describe('TaskRepository', () => {
  const tempDir = useTempDirs();

  it('reads a task stored before verification levels existed: none recorded, not made up', () => {
    const db = openDatabase(join(tempDir(), 'ferry.db'));
    const old = {
      id: 't-old',
      vmId: 'vm-1',
      state: 'completed',
      phase: 'done',
      createdAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:01:00.000Z',
      outcome: { durationMs: 60_000, downtimeMs: 40, observedDowntimeMs: null, transferredBytes: 1, iterations: 2 },
    };
    db.prepare('INSERT INTO tasks (id, vm_id, state, phase, created_at, finished_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      old.id,
      old.vmId,
      old.state,
      old.phase,
      old.createdAt,
      old.finishedAt,
      JSON.stringify(old),
    );
    const task = new TaskRepository(db).get('t-old');
    expect(task).toMatchObject({ sourceBootId: null, sourceAgentClock: null, verification: null, cold: false, switchedOver: false });
    expect(task?.outcome).toEqual({ ...old.outcome, verification: null });
    db.close();
  });

  it('lists tasks requested in one millisecond (a batch) newest request first, after a restart as before it', () => {
    const db = openDatabase(join(tempDir(), 'ferry.db'));
    const insert = db.prepare('INSERT INTO tasks (id, vm_id, state, phase, created_at, finished_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const createdAt = '2026-01-01T00:00:00.000Z';
    // Ids are random: in request order here they sort neither up nor down.
    const ids = ['t-b', 't-d', 't-a', 't-c'];
    for (const [i, id] of ids.entries()) {
      const task = { id, vmId: `vm-${i}`, vmName: `vm-${i}`, state: 'completed', phase: 'done', createdAt, finishedAt: createdAt };
      insert.run(id, task.vmId, task.state, task.phase, createdAt, createdAt, JSON.stringify(task));
    }
    const tasks = new TaskRepository(db);
    expect(tasks.recent(10).map((t) => t.id)).toEqual([...ids].reverse());
    expect(tasks.forVm('vm-1').map((t) => t.id)).toEqual(['t-d']);
    db.close();
  });
});
