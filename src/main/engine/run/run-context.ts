import type { Task } from '../../../shared/model/migration';
import type { Clock } from '../../base/clock/clock';
import type { HypervisorDriver, MigrationJobSpec } from '../../drivers/driver';
import type { TaskBoard } from './task-board';
import type { EngineView, Inbound } from '../planning/view';

/** Everything one migration run needs; phases read and change the task only through it. */
export interface RunContext {
  readonly taskId: string;
  readonly spec: MigrationJobSpec;
  readonly driver: HypervisorDriver;
  readonly view: EngineView;
  readonly clock: Clock;
  readonly board: TaskBoard;
  /** How often a running job is polled. */
  readonly pollMs: number;
  /** Memory and disks on their way to each host from other migrations. */
  inboundExcludingSelf(): Map<string, Inbound>;
  refreshInventory(): Promise<void>;
  /** The guest's boot id before the move, so a guest that rebooted on the way is caught. */
  sourceBootId: string | null;
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

export const jobSpecFor = (task: Task, driver: HypervisorDriver): MigrationJobSpec => ({
  jobId: task.id,
  vmId: task.vmId,
  type: task.type,
  sourceHostId: task.sourceHostId,
  destHostId: task.destHostId,
  destDatastoreId: task.destDatastoreId,
  bandwidthLimitBps: task.options.bandwidthLimitBps,
  maxDowntimeMs: task.options.convergence.maxDowntimeMs,
  postCopyAllowed: task.options.convergence.allowPostCopy && driver.capabilities.postCopy,
  autoConverge: task.options.convergence.autoConverge && !driver.capabilities.autoConvergeLive,
  cold: task.cold,
});
