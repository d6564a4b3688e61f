import type { Phase, Task, TaskError } from '../../../shared/model/migration';
import type { Clock } from '../../base/clock/clock';
import { DriverError, type HypervisorDriver, type JobProgress } from '../../drivers/driver';
import { HaltSignal } from './errors';
import { atPhase } from './progress';
import { jobSpecFor, taskOf, type RunContext } from './run-context';
import { outcomeOf, rollBackFrom, runMigration, type RunResult } from './runner';
import type { Fleet } from '../fleet/fleet';
import type { TaskBoard } from './task-board';
import type { EngineView, Inbound } from '../planning/view';

export interface RunHooks {
  finished(task: Task): void;
  recovered(task: Task, note: string): void;
}

export interface RunDeps {
  clock: Clock;
  view: EngineView;
  board: TaskBoard;
  pollMs: number;
  hooks: RunHooks;
  inbound(): Map<string, Inbound>;
  fleet: Pick<Fleet, 'refresh'>;
}

const interrupted = (detail: string): TaskError => ({
  code: 'INTERRUPTED',
  message: `the migration was interrupted while Ferry was not running: ${detail}`,
});

/** One migration in flight: runs its phases (or picks them up after a restart) and records how it ended. */
export class MigrationRun {
  private stopped = false;
  done: Promise<void> = Promise.resolve();
  private readonly ctx: RunContext;

  constructor(
    task: Task,
    private readonly driver: HypervisorDriver,
    private readonly deps: RunDeps,
  ) {
    const sourceDriverId = deps.view.host(task.sourceHostId)?.driverId ?? driver.id;
    this.ctx = {
      taskId: task.id,
      spec: jobSpecFor(task, driver),
      driver,
      view: deps.view,
      clock: deps.clock,
      board: deps.board,
      pollMs: deps.pollMs,
      inboundExcludingSelf: () => {
        const others = deps.inbound();
        // The VM of this task counts once, on its own host, not as inbound too.
        const mine = others.get(task.destHostId);
        const vm = deps.view.vm(task.vmId);
        if (mine && vm && task.type !== 'storage')
          others.set(task.destHostId, { ...mine, memoryBytes: mine.memoryBytes - vm.memoryBytes, vcpus: mine.vcpus - vm.vcpus });
        return others;
      },
      refreshInventory: () => deps.fleet.refresh(sourceDriverId),
      sourceBootId: null,
      problems: [],
      halted: () => this.stopped,
    };
  }

  start(): Promise<void> {
    return (this.done = this.guard(() => runMigration(this.ctx)));
  }

  halt(): void {
    this.stopped = true;
  }

  /** Decides per journaled phase what to do with a migration Ferry was running when it stopped. */
  recover(): Promise<void> {
    return (this.done = this.guard(() => this.reconcile()));
  }

  private async reconcile(): Promise<RunResult | null> {
    const task = taskOf(this.ctx);
    switch (task.phase) {
      case 'queued':
      case 'prepare':
      case 'precheck':
      case 'reserve':
        // Nothing moved yet: give back any reservation and queue it again.
        if (task.phase === 'reserve') await this.driver.releaseDestination(this.ctx.spec).catch(() => undefined);
        this.deps.board.update(task.id, { state: 'queued', phase: 'queued', startedAt: null });
        this.deps.hooks.recovered(taskOf(this.ctx), `interrupted during ${task.phase}, before anything changed on the hosts; queued again`);
        return null;
      case 'storage':
      case 'memory':
      case 'switchover':
        return this.reconcileTransfer(task.phase);
      case 'verify':
      case 'commit':
        this.deps.hooks.recovered(task, `resumed at ${task.phase}`);
        return runMigration(this.ctx, task.phase);
      case 'done':
        return null;
    }
  }

  private async reconcileTransfer(phase: Phase): Promise<RunResult> {
    let job: JobProgress | null = null;
    try {
      job = await this.driver.jobProgress(this.ctx.taskId);
    } catch (error) {
      if (!(error instanceof DriverError && error.code === 'NOT_FOUND')) throw error;
    }
    const note = (text: string) => this.deps.hooks.recovered(taskOf(this.ctx), text);
    if (job && (job.status === 'setup' || job.status === 'storage' || job.status === 'memory' || job.status === 'postcopy')) {
      note(`the hosts kept copying (${job.status}); monitoring resumed`);
      return runMigration(this.ctx, job.switchedOver ? 'switchover' : phase);
    }
    if (job?.status === 'completed') {
      note('the hosts finished the copy while Ferry was away; verifying');
      return runMigration(this.ctx, 'verify');
    }
    if (job) {
      note(`the copy ended ${job.status} while Ferry was away; rolling back`);
      return rollBackFrom(this.ctx, phase, interrupted(job.error?.message ?? job.status));
    }
    // The hypervisor no longer knows the job: decide from where the guest runs.
    const placements = await this.driver.locateVm(this.ctx.spec.vmId);
    const runningOn = (hostId: string) => placements.some((p) => p.hostId === hostId && p.power === 'running');
    const pausedOn = (hostId: string) => placements.some((p) => p.hostId === hostId && p.power === 'paused');
    const { sourceHostId, destHostId } = this.ctx.spec;
    if (runningOn(destHostId) && !runningOn(sourceHostId) && destHostId !== sourceHostId) {
      note('the guest already runs on the destination; verifying');
      return runMigration(this.ctx, 'verify');
    }
    if (!runningOn(sourceHostId) && pausedOn(sourceHostId) && phase !== 'switchover')
      await this.driver.resumeVm(this.ctx.spec.vmId, sourceHostId);
    note('the hypervisor lost the job; rolling back to the source');
    return rollBackFrom(this.ctx, phase, interrupted('the hypervisor no longer knows the job'));
  }

  /** Runs a body to its end and records the outcome; a halt leaves the task as it is for the next start. */
  private async guard(body: () => Promise<RunResult | null>): Promise<void> {
    let result: RunResult | null;
    try {
      result = await body();
    } catch (error) {
      if (error instanceof HaltSignal) return;
      result = {
        state: 'failed',
        error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
        problems: [...this.ctx.problems, 'check where the VM runs'],
      };
    }
    if (!result || this.stopped) return;
    const now = this.deps.clock.now();
    const task = this.deps.board.enterPhase(this.ctx.taskId, 'done', result.state);
    const finished = this.deps.board.update(task.id, {
      state: result.state,
      finishedAt: new Date(now).toISOString(),
      error: result.error,
      problems: result.problems,
      outcome: outcomeOf(task, now),
      progress: result.state === 'completed' || result.state === 'completed_with_problems' ? atPhase(task.progress, 'done') : task.progress,
    });
    this.deps.hooks.finished(finished);
  }
}
