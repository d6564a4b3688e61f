import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/shared/model/migration';
import { byRecency } from '../../src/renderer/src/features/tasks/task-order';

const task = (vmName: string, state: Task['state'], createdAt: string, startedAt: string | null): Task =>
  ({ vmName, state, createdAt: `2026-11-27T${createdAt}Z`, startedAt: startedAt && `2026-11-27T${startedAt}Z` }) as Task;

describe('the task grids’ order', () => {
  it('lists running, then queued, then ended moves, each by its newest start (new-user review 10, 16)', () => {
    // A maintenance requests its moves at once; they start one after the other.
    const tasks = [
      task('VM3', 'completed', '20:56:00', '20:56:40'),
      task('VM1', 'completed', '20:56:00', '20:56:02'),
      task('VM5', 'completed', '20:57:23', '20:57:23'),
      task('VM7', 'queued', '20:58:00', null),
      task('VM2', 'completed', '20:56:00', '20:56:20'),
      task('VM8', 'running', '20:56:00', '20:57:50'),
    ];
    expect([...tasks].sort(byRecency).map((t) => t.vmName)).toEqual(['VM8', 'VM7', 'VM5', 'VM3', 'VM2', 'VM1']);
  });
});
