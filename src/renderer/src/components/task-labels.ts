import type { Phase, Prediction, TaskState, WaitReason } from '../../../shared/model/migration';

/** What the convergence policy will have to do, in the words the wizard and the task details share. */
export const strategyLabels: Record<Prediction['strategy'], string> = {
  precopy: 'pre-copy',
  'downtime-ramp': 'pre-copy with a raised downtime limit',
  'auto-converge': 'pre-copy with throttling',
  'post-copy': 'post-copy',
  'will-not-converge': 'will not converge',
};

export const phaseLabels: Record<Phase, string> = {
  queued: 'Queued',
  prepare: 'Preparing',
  precheck: 'Checking',
  reserve: 'Reserving destination',
  storage: 'Copying disks',
  memory: 'Copying memory',
  switchover: 'Switching over',
  verify: 'Verifying',
  commit: 'Committing',
  done: 'Done',
};

export const stateLabels: Record<TaskState, string> = {
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  completed_with_problems: 'Completed with problems',
  aborted: 'Rolled back',
  failed: 'Failed',
};

export const stateColors: Record<TaskState, 'default' | 'primary' | 'success' | 'warning' | 'error' | 'info'> = {
  queued: 'default',
  running: 'primary',
  completed: 'success',
  completed_with_problems: 'warning',
  aborted: 'info',
  failed: 'error',
};

/** Why a queued migration waits, in words. */
export function waitText(w: WaitReason | null): string {
  if (!w) return '';
  if (w.kind === 'priority') return `Waiting: ${w.resourceName}`;
  if (w.kind === 'unreachable') return `Waiting for ${w.resourceName} to come back`;
  const used = `(${w.used} of ${w.cap} used, needs ${w.cost})`;
  // A link's name says what it is already ("DC0_C1_H1 migration link").
  if (w.kind === 'network') return `Waiting for the ${w.resourceName} ${used}`;
  const what = { host: 'host cap', datastore: 'datastore cap', vm: 'VM', 'schedule-window': 'window' }[w.kind];
  return `Waiting for the ${what} of ${w.resourceName} ${used}`;
}
