import type { TimelinePoint } from '../../../shared/model/migration';
import { sleep } from '../../base/clock/clock';
import { DriverError, type JobProgress } from '../../drivers/driver';
import { applyConvergence, initialConvergence, nextConvergenceAction, type ConvergenceState } from '../planning/convergence';
import { CancelledError, HaltSignal, PhaseError } from './errors';
import { progressFrom } from './progress';
import { taskOf, type RunContext } from './run-context';

const finished = (p: JobProgress): boolean => p.status === 'completed' || p.status === 'failed' || p.status === 'cancelled';
/** Query failures tolerated in a row before the job counts as lost (hosts hiccup). */
const tolerableQueryFailures = 3;

/** Starts the driver's job unless it already runs or completed (a resumed migration, a cold move past its disks). */
export async function ensureJobStarted(ctx: RunContext): Promise<void> {
  try {
    const existing = await ctx.driver.jobProgress(ctx.taskId);
    if (existing.status !== 'failed' && existing.status !== 'cancelled') return;
  } catch (error) {
    if (!(error instanceof DriverError && error.code === 'NOT_FOUND')) throw error;
  }
  await ctx.driver.startMigration(ctx.spec);
}

/** Aborts the job if it still runs; a job that already ended needs nothing. */
export async function abortJob(ctx: RunContext): Promise<void> {
  try {
    const progress = await ctx.driver.jobProgress(ctx.taskId);
    if (!finished(progress) && !progress.switchedOver) await ctx.driver.cancelMigration(ctx.taskId);
  } catch (error) {
    if (!(error instanceof DriverError && error.code === 'NOT_FOUND')) throw error;
  }
}

export interface WatchOptions {
  /** Leave the loop when this holds. */
  until: (p: JobProgress) => boolean;
  /** Apply the convergence policy and its timeouts (the memory phase). */
  converge: boolean;
  /** Cancelling is allowed until the guest switches over. */
  cancellable: boolean;
  /** Called before asking for post-copy, which switches the guest over: the runner journals it first. */
  beforePostCopy?: () => void;
}

/**
 * Polls the job until `until` holds, keeping the task's progress and timeline current, honouring
 * cancel at each poll (a safe point), and running the convergence policy at the end of each pass.
 */
export async function watchJob(ctx: RunContext, options: WatchOptions): Promise<JobProgress> {
  const policy = taskOf(ctx).options.convergence;
  const memoryGiB = (ctx.view.vm(ctx.spec.vmId)?.memoryBytes ?? 0) / 1024 ** 3;
  const startedAt = ctx.clock.now();
  let convergence: ConvergenceState = initialConvergence(policy);
  let lastIteration = -1;
  let lastMoved = -1;
  let lastMoveAt = startedAt;
  let previousRemaining = Infinity;
  let converging = false;
  let failures = 0;
  let cancelSent = false;

  for (;;) {
    if (ctx.halted()) throw new HaltSignal();
    let p: JobProgress;
    try {
      p = await ctx.driver.jobProgress(ctx.taskId);
      failures = 0;
    } catch (error) {
      if (++failures > tolerableQueryFailures) throw error;
      await sleep(ctx.clock, ctx.pollMs);
      continue;
    }
    const task = taskOf(ctx);
    if (p.iteration !== lastIteration) {
      converging = p.memoryRemainingBytes < previousRemaining;
      previousRemaining = p.memoryRemainingBytes;
    }
    ctx.board.update(ctx.taskId, { progress: progressFrom(task, p, converging) }, 'soon');
    if (p.iteration !== lastIteration && p.status !== 'setup') ctx.board.timeline(ctx.taskId, timelinePoint(p, task.phase));

    if (p.status === 'failed')
      throw new PhaseError(p.error?.code ?? 'MIGRATION_FAILED', p.error?.message ?? 'the hypervisor reported the migration failed');
    if (p.status === 'cancelled')
      throw task.cancelRequested
        ? new CancelledError()
        : new PhaseError('ABORTED', p.error?.message ?? 'the hypervisor aborted the migration');
    if (p.status === 'unknown') throw new PhaseError('UNKNOWN_JOB_STATUS', 'the hypervisor reported a job status Ferry does not know');
    if (options.until(p)) return p;

    if (options.cancellable && task.cancelRequested && !p.switchedOver && !cancelSent) {
      await ctx.driver.cancelMigration(ctx.taskId);
      cancelSent = true;
    }
    const moved = p.memoryProcessedBytes + p.diskProcessedBytes;
    if (moved !== lastMoved) {
      lastMoved = moved;
      lastMoveAt = ctx.clock.now();
    } else if (ctx.clock.now() - lastMoveAt > policy.progressTimeoutSec * 1000) {
      throw new PhaseError(
        'PROGRESS_TIMEOUT',
        `nothing was transferred for ${policy.progressTimeoutSec} s`,
        'Check the migration network between the hosts.',
      );
    }
    if (options.converge && p.status === 'memory') {
      if (lastIteration >= 0 && p.iteration > lastIteration) {
        const action = nextConvergenceAction(policy, convergence, p.iteration - 1, ctx.spec.postCopyAllowed);
        if (action.kind === 'raise-downtime') await ctx.driver.setDowntimeLimit(ctx.taskId, action.limitMs);
        if (action.kind === 'auto-converge' && ctx.driver.capabilities.autoConvergeLive) await ctx.driver.setAutoConverge(ctx.taskId, true);
        if (action.kind === 'post-copy') {
          options.beforePostCopy?.();
          await ctx.driver.startPostCopy(ctx.taskId);
        }
        convergence = applyConvergence(convergence, action, p.iteration - 1);
      }
      const budgetMs = policy.completionTimeoutSecPerGiB * Math.max(1, memoryGiB) * 1000;
      if (ctx.clock.now() - startedAt > budgetMs) {
        throw new PhaseError(
          'COMPLETION_TIMEOUT',
          `the memory copy did not converge within ${Math.round(budgetMs / 1000)} s`,
          'Allow post-copy or auto-converge, raise the downtime limit, or migrate when the guest is less busy.',
        );
      }
    }
    lastIteration = p.iteration;
    await sleep(ctx.clock, ctx.pollMs);
  }
}

function timelinePoint(p: JobProgress, phase: TimelinePoint['phase']): TimelinePoint {
  return {
    atMs: p.elapsedMs,
    phase,
    iteration: p.iteration,
    memoryRemainingBytes: p.memoryRemainingBytes,
    diskRemainingBytes: p.diskRemainingBytes,
    dirtyRateBps: p.dirtyRateBps,
    bandwidthBps: p.bandwidthBps,
    throttlePercent: p.throttlePercent,
    downtimeLimitMs: p.downtimeLimitMs,
  };
}
