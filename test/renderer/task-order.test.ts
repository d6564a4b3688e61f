import { describe, expect, it } from 'vitest';
import type { Priority, Task } from '../../src/shared/model/migration';
import { byRecency } from '../../src/renderer/src/features/tasks/task-order';

const task = (vmName: string, state: Task['state'], createdAt: string, startedAt: string | null, priority: Priority = 'default'): Task =>
  ({ vmName, state, priority, createdAt: `2026-11-27T${createdAt}Z`, startedAt: startedAt && `2026-11-27T${startedAt}Z` }) as Task;
const order = (tasks: readonly Task[]) => [...tasks].sort(byRecency).map((t) => t.vmName);

describe('the task grids’ order', () => {
  // A maintenance requests its moves at once; they start one after the other.
  const tasks = [
    task('VM3', 'completed', '20:56:00', '20:56:40'),
    task('VM1', 'completed', '20:56:00', '20:56:02'),
    task('VM5', 'running', '20:57:23', '20:57:23'),
    task('VM7', 'queued', '20:58:00', null),
    task('VM6', 'queued', '20:57:30', null),
    task('VM9', 'queued', '20:59:00', null, 'high'),
    task('VM2', 'completed', '20:56:00', '20:56:20'),
    task('VM8', 'running', '20:56:00', '20:57:50'),
  ];

  it('lists every started move by its newest start, then what waits in the order it starts (new-user review 10, 16)', () => {
    expect(order(tasks)).toEqual(['VM8', 'VM5', 'VM3', 'VM2', 'VM1', 'VM9', 'VM6', 'VM7']);
  });

  it('keeps a row where it is when its move ends; a move that starts goes to the top', () => {
    const ended = tasks.map((t) => (t.vmName === 'VM5' ? { ...t, state: 'completed' as const } : t));
    expect(order(ended)).toEqual(order(tasks));
    const started = tasks.map((t) => (t.vmName === 'VM9' ? { ...t, state: 'running' as const, startedAt: '2026-11-27T20:59:10Z' } : t));
    expect(order(started)).toEqual(['VM9', 'VM8', 'VM5', 'VM3', 'VM2', 'VM1', 'VM6', 'VM7']);
  });
});
