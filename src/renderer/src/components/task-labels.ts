import type { Phase, Prediction, Task, TaskState, WaitReason } from '../../../shared/model/migration';
import { formatDuration } from './format';

/** What the convergence policy will have to do, in the words the wizard and the task details share. */
export const strategyLabels: Record<Prediction['strategy'], string> = {
  precopy: 'pre-copy',
  'downtime-ramp': 'pre-copy with a raised downtime limit',
  'auto-converge': 'pre-copy with throttling',
  'post-copy': 'post-copy',
  'will-not-converge': 'will not converge',
  'times-out': 'gives up at its time limit and rolls back',
  cold: 'cold: the VM stays off, re-registered on the destination',
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

/**
 * A task's state in words. An aborted task says how it ended: one that never started has nothing to
 * roll back (a queued move cancelled, or dropped by leaving maintenance, is not "rolled back").
 */
export function stateLabel(task: Pick<Task, 'state' | 'startedAt' | 'cancelRequested'>): string {
  if (task.state !== 'aborted') return stateLabels[task.state];
  if (!task.startedAt) return task.cancelRequested ? 'Cancelled before it started' : 'Not started';
  return task.cancelRequested ? 'Cancelled, rolled back' : stateLabels.aborted;
}

/**
 * The Duration line of a task's detail: the prediction against the outcome, or where the task stands
 * without one. A queued task read "4 s predicted, running" (new-user review 8, m1).
 */
export function durationWords(task: Pick<Task, 'state' | 'startedAt' | 'prediction' | 'outcome'>): string {
  // A copy predicted to outlast its give-up limit: when it gives up, not "—" (new-user review 17, 4).
  const givesUp = task.prediction?.givesUp;
  const predicted = givesUp
    ? `predicted to give up after ${formatDuration(givesUp.afterMs)}`
    : `${formatDuration(task.prediction?.durationMs ?? null)} predicted`;
  if (task.outcome) return `${predicted}, ${formatDuration(task.outcome.durationMs)}`;
  if (task.state === 'running') return `${predicted}, running`;
  return `${predicted}, ${task.startedAt ? 'stopped' : 'not started'}`;
}

/**
 * An audit record's outcome in words: a task's state as the task grids say it ("Completed with problems",
 * not "completed_with_problems"); any other outcome (a host's health, "refused") with its underscores as spaces.
 * A record does not say whether an aborted move had started, so it reads "Rolled back" as the state does.
 */
export function outcomeLabel(outcome: string | null): string {
  if (!outcome) return '';
  if (Object.hasOwn(stateLabels, outcome)) return stateLabels[outcome as TaskState];
  const words = outcome.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A phase journal entry's note in words: the engine journals how a move ended as its state's code
 * ("done" with "completed_with_problems"), read as "Done (completed with problems)", the grids' words.
 */
export function journalNote(note: string | null): string | null {
  if (note === null || !Object.hasOwn(stateLabels, note)) return note;
  const words = stateLabels[note as TaskState];
  return words.charAt(0).toLowerCase() + words.slice(1);
}

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

/** A queue's claim on a resource ("net:H1"), as against the id of the task a low-priority move yields to. */
const isResource = (id: string): boolean => /^(host|net|ds):/.test(id);

/**
 * Why a migration waits, in the few words the State column holds whole in three lines at its narrowest
 * (large-preset names included): which cap is full, or what it waits behind. The figures and the VM
 * it waits behind are in waitText, the cell's title and the task's details. The whole reason did not
 * fit ("Waiting: DC0_C1_H1 migration link, held for the earlier migration of…", new-user review 7, 3).
 */
export function waitShort(w: WaitReason | null): string {
  if (!w) return '';
  switch (w.kind) {
    case 'host':
      return `host ${w.resourceName} at cap`;
    case 'network':
      return `${w.resourceName.replace(/ migration link$/, '')} link at cap`;
    case 'datastore':
      return `datastore ${w.resourceName} at cap`;
    case 'priority':
      return isResource(w.resourceId) ? 'behind an earlier move' : 'behind a high-priority move';
    case 'unreachable':
      return `${w.resourceName} not answering`;
    case 'vm':
      return 'behind another move of this VM';
    case 'schedule-window':
      return 'until its window opens';
  }
}
