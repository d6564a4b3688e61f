import { describe, expect, it } from 'vitest';
import { cancelRefusal, isCancellable } from '../../src/shared/model/cancel-rule';
import type { Phase, TaskState } from '../../src/shared/model/migration';

const task = (state: TaskState, phase: Phase, switchedOver = false) => ({ state, phase, switchedOver, vmName: 'vm1' });

describe('the one cancel rule (the engine refuses, the console hides Cancel)', () => {
  it.each<[TaskState, Phase, boolean, boolean]>([
    ['queued', 'queued', false, true],
    ['running', 'prepare', false, true],
    ['running', 'storage', false, true],
    ['running', 'memory', false, true],
    ['running', 'memory', true, false], // post-copy began: the door is crossed
    ['running', 'switchover', false, false],
    ['running', 'verify', true, false],
    ['running', 'commit', true, false],
    ['completed', 'done', true, false],
    ['aborted', 'memory', false, false],
  ])('%s in %s (switched over: %s) → cancellable %s', (state, phase, switchedOver, expected) => {
    expect(isCancellable(task(state, phase, switchedOver))).toBe(expected);
  });

  it('says why in the words the engine refuses with', () => {
    expect(cancelRefusal(task('running', 'verify', true))).toBe(
      'vm1 already switched over to the destination; the migration can only finish now',
    );
    expect(cancelRefusal(task('failed', 'memory'))).toBe('the migration already ended (failed)');
  });
});
