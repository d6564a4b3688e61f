import type { Phase, Task } from './migration';

/** Phases where nothing has moved the guest yet: a cancel still rolls back. */
const beforeSwitchover = new Set<Phase>(['queued', 'prepare', 'precheck', 'reserve', 'storage', 'memory']);
export const isBeforeSwitchover = (phase: Phase): boolean => beforeSwitchover.has(phase);

/**
 * Why a cancel of this task would be refused, or null when it would be accepted. The engine refuses
 * with exactly these words and the console offers Cancel only when this is null: one rule, both sides.
 */
export function cancelRefusal(task: Pick<Task, 'state' | 'phase' | 'switchedOver' | 'vmName'>): string | null {
  if (task.state !== 'queued' && task.state !== 'running') return `the migration already ended (${task.state})`;
  if (task.state === 'running' && (task.switchedOver || !isBeforeSwitchover(task.phase)))
    return `${task.vmName} already switched over to the destination; the migration can only finish now`;
  return null;
}

export const isCancellable = (task: Pick<Task, 'state' | 'phase' | 'switchedOver' | 'vmName'>): boolean => cancelRefusal(task) === null;
