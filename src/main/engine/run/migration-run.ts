import type { Phase, Task, TaskError } from '../../../shared/model/migration';
import type { Clock } from '../../base/clock/clock';
import { DriverError, type HypervisorDriver } from '../../drivers/driver';
import type { Transaction } from '../../store/database';
import type { Fleet } from '../fleet/fleet';
import type { EngineView, Inbound } from '../planning/view';
import { HaltSignal } from './errors';
import { atPhase } from './progress';
import { jobSpecFor, taskOf, type RunContext, type RunResult } from './run-context';
import { outcomeOf, recoverFromPhase, runMigration } from './runner';
import type { TaskBoard } from './task-board';
import { jobEnded, jobOf } from './transfer';

export interface RunHooks {
  /** Writes the audit record of a transition; called inside the transition's transaction. */
  audit(task: Task, action: 'migration.finished' | 'migration.recovered', note: string | null): void;
  /** After a run ended and its record is committed. */
  ended(task: Task): void;
}

export interface RunDeps {
  clock: Clock;
  view: EngineView;
  board: TaskBoard;
  pollMs: number;
  hooks: RunHooks;
  inbound(): Map<string, Inbound>;
  fleet: Pick<Fleet, 'refresh'>;
  atomically: Transaction;
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
    private readonly deps: RunDeps,
  ) {
    const driverOf = (): HypervisorDriver => {
      const host = deps.view.host(task.sourceHostId);
      const driver = host ? deps.view.driver(host.driverId) : undefined;
      if (!driver) throw new DriverError('HOST_UNREACHABLE', `no backend manages ${host?.name ?? task.sourceHostId} right now`);
      return driver;
    };
    const stopped = () => this.stopped;
    this.ctx = {
      taskId: task.id,
      get spec() {
        const driver = driverOf();
        return jobSpecFor(taskOf(this), driver.capabilities.postCopy, driver.capabilities.autoConvergeLive);
      },
      get driver() {
        return driverOf();
      },
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
      refreshInventory: async () => {
        const driverId = deps.view.host(task.sourceHostId)?.driverId;
        if (driverId) await deps.fleet.refresh(driverId, { vmIds: [task.vmId] });
      },
      problems: [],
      halted: stopped,
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
        if (task.phase === 'reserve') await this.ctx.driver.releaseDestination(this.ctx.spec).catch(() => undefined);
        this.deps.atomically(() => {
          const queued = this.deps.board.update(task.id, { state: 'queued', phase: 'queued', startedAt: null, waitingFor: null });
          this.deps.hooks.audit(
            queued,
            'migration.recovered',
            `interrupted during ${task.phase}, before anything changed on the hosts; queued again`,
          );
        });
        this.deps.hooks.ended(taskOf(this.ctx));
        return null;
      case 'storage':
      case 'memory':
      case 'switchover':
        return this.reconcileTransfer(task.phase);
      case 'verify':
      case 'commit':
        // Verified again first: the journal says the guest switched over; only the guest can say it still runs there.
        this.deps.hooks.audit(task, 'migration.recovered', `resumed at ${task.phase}`);
        return runMigration(this.ctx, 'verify');
      case 'done':
        return null;
    }
  }

  /** Asks the hypervisor about its job first (reconnecting as long as it takes), then decides. */
  private async reconcileTransfer(phase: Phase): Promise<RunResult> {
    const job = await jobOf(this.ctx);
    const note = (text: string) => this.deps.hooks.audit(taskOf(this.ctx), 'migration.recovered', text);
    if (job && !jobEnded(job)) {
      note(`the hosts kept copying (${job.status}); monitoring resumed`);
      if (job.switchedOver || job.status === 'postcopy') return runMigration(this.ctx, 'switchover');
      // The hypervisor's word beats the journal: a post-copy asked for just before Ferry stopped may
      // never have reached it. The copy goes on as pre-copy, under the convergence policy again.
      const task = taskOf(this.ctx);
      if (task.cold) return runMigration(this.ctx, phase);
      if (task.switchedOver) this.deps.board.update(this.ctx.taskId, { switchedOver: false });
      return runMigration(this.ctx, phase === 'switchover' ? 'memory' : phase);
    }
    if (job?.status === 'completed') {
      note('the hosts finished the copy while Ferry was away; verifying');
      return runMigration(this.ctx, 'verify');
    }
    note(
      job
        ? `the copy ended ${job.status} while Ferry was away; rolling back unless the guest switched over`
        : 'the hosts hold no job for it (it never started, or ended without a trace); deciding from where the guest runs',
    );
    return recoverFromPhase(
      this.ctx,
      phase,
      interrupted(job?.error?.message ?? (job ? job.status : 'the hosts hold no job for this migration')),
    );
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
    const finished = this.deps.atomically(() => {
      const task = this.deps.board.enterPhase(this.ctx.taskId, 'done', result.state);
      const ended = this.deps.board.update(task.id, {
        state: result.state,
        finishedAt: new Date(now).toISOString(),
        waitingFor: null,
        error: result.error,
        problems: result.problems,
        outcome: outcomeOf(task, now),
        progress:
          result.state === 'completed' || result.state === 'completed_with_problems' ? atPhase(task.progress, 'done') : task.progress,
      });
      this.deps.hooks.audit(ended, 'migration.finished', null);
      return ended;
    });
    this.deps.hooks.ended(finished);
  }
}
