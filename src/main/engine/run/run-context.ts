import type { Task, TaskError, TaskState } from '../../../shared/model/migration';
import type { Clock } from '../../base/clock/clock';
import type { HypervisorDriver, MigrationJobSpec } from '../../drivers/driver';
import type { TaskBoard } from './task-board';
import type { EngineView, Inbound } from '../planning/view';

/** How a run ended, before it is recorded. */
export interface RunResult {
  state: Extract<TaskState, 'completed' | 'completed_with_problems' | 'aborted' | 'failed'>;
  error: TaskError | null;
  problems: string[];
}

/** Everything one migration run needs; phases read and change the task only through it. */
export interface RunContext {
  readonly taskId: string;
  readonly spec: MigrationJobSpec;
  /** The backend of the source host; throws HOST_UNREACHABLE while no backend manages it (yet). */
  readonly driver: HypervisorDriver;
  readonly view: EngineView;
  readonly clock: Clock;
  readonly board: TaskBoard;
  /** How often a running job is polled. */
  readonly pollMs: number;
  /** Memory and disks on their way to each host from other migrations. */
  inboundExcludingSelf(): Map<string, Inbound>;
  refreshInventory(): Promise<void>;
  /** Cleanups that failed or left something behind; they make the outcome "completed with problems". */
  readonly problems: string[];
  /** True once Ferry is stopping: runs end at their next safe point without rolling back. */
  halted(): boolean;
}

export const taskOf = (ctx: RunContext): Task => {
  const task = ctx.board.get(ctx.taskId);
  if (!task) throw new Error(`task ${ctx.taskId} vanished`);
  return task;
};

export const jobSpecFor = (task: Task, postCopyAvailable: boolean, autoConvergeLive: boolean): MigrationJobSpec => ({
  jobId: task.id,
  vmId: task.vmId,
  type: task.type,
  sourceHostId: task.sourceHostId,
  destHostId: task.destHostId,
  destDatastoreId: task.destDatastoreId,
  bandwidthLimitBps: task.options.bandwidthLimitBps,
  maxDowntimeMs: task.options.convergence.maxDowntimeMs,
  postCopyAllowed: task.options.convergence.allowPostCopy && postCopyAvailable,
  autoConverge: task.options.convergence.autoConverge && !autoConvergeLive,
  encryptStream: task.options.encryptStream === true,
  cold: task.cold,
});

/**
 * Marks the one-way door crossed, in SQLite before whatever crosses it takes effect (or as soon as
 * the hypervisor says it did): from here on nothing is rolled back.
 */
export function crossDoor(ctx: RunContext, note: string): void {
  if (taskOf(ctx).switchedOver) return;
  ctx.board.update(ctx.taskId, { switchedOver: true });
  ctx.board.note(ctx.taskId, note);
}
