import type { TimelinePoint } from '../../../shared/model/migration';
import { sleep } from '../../base/clock/clock';
import { DriverError, type JobProgress } from '../../drivers/driver';
import {
  applyConvergence,
  completionBudgetMs,
  nextConvergenceAction,
  resumedConvergence,
  type ConvergenceState,
} from '../planning/convergence';
import { completionTimeout } from './completion-timeout';
import { isUnreachable, untilAnswered } from './contact';
import { CancelledError, DoorCrossed, HaltSignal, PhaseError } from './errors';
import { nextEta } from './eta';
import { etaSample, etaSeed, linkPeersOf, progressFrom } from './progress';
import { untilNextPoll } from './next-poll';
import { crossDoor, taskOf, type RunContext } from './run-context';

export const jobEnded = (p: JobProgress): boolean => p.status === 'completed' || p.status === 'failed' || p.status === 'cancelled';
/** Query failures (other than an unreachable host, which is waited for) tolerated in a row. */
const tolerableQueryFailures = 3;

/** The driver's job, or null when the hypervisor does not know it (never started, or forgotten). */
export async function jobOf(ctx: RunContext): Promise<JobProgress | null> {
  try {
    return await untilAnswered(ctx, () => ctx.driver.jobProgress(ctx.taskId));
  } catch (error) {
    if (error instanceof DriverError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** Starts the driver's job unless it already runs or completed (a resumed migration, a cold move past its disks). */
export async function ensureJobStarted(ctx: RunContext): Promise<void> {
  const existing = await jobOf(ctx);
  if (existing && existing.status !== 'failed' && existing.status !== 'cancelled') return;
  await ctx.driver.startMigration(ctx.spec);
}

/**
 * Aborts the job if it still runs, and returns once it has ended: libvirt ends an aborted job in
 * its own time, and one caught in its switchover completes anyway, so what the hosts hold is
 * judged only after (the lab lost a guest to a leftover removed while libvirt finished its move).
 * There is no deadline: until the hypervisor has ended the job, the guest is in its hands.
 * A job that switched the guest over cannot be rolled back: DoorCrossed tells the runner to go on.
 */
export async function abortJob(ctx: RunContext): Promise<void> {
  const job = await jobOf(ctx);
  if (job?.switchedOver) throw new DoorCrossed();
  if (!job || jobEnded(job)) return;
  try {
    await ctx.driver.cancelMigration(ctx.taskId);
  } catch (error) {
    if ((await jobOf(ctx))?.switchedOver) throw new DoorCrossed();
    throw error;
  }
  const ended = await untilJobEnded(ctx);
  if (ended?.switchedOver || ended?.status === 'completed') throw new DoorCrossed();
}

/** Waits for the job to end (a few failed queries in a row are tolerated, as while watching it); null: forgotten. */
async function untilJobEnded(ctx: RunContext): Promise<JobProgress | null> {
  let failures = 0;
  for (;;) {
    try {
      const job = await jobOf(ctx);
      if (!job || jobEnded(job) || job.switchedOver) return job;
      failures = 0;
    } catch (error) {
      if (error instanceof HaltSignal || ++failures > tolerableQueryFailures) throw error;
    }
    await sleep(ctx.clock, ctx.pollMs);
  }
}

export interface WatchOptions {
  /** Leave the loop when this holds. */
  until: (p: JobProgress) => boolean;
  /** Apply the convergence policy and its timeouts (the memory phase). */
  converge: boolean;
  /** Cancelling is allowed until the guest switches over. */
  cancellable: boolean;
}

/**
 * Polls the job until `until` holds, keeping the task's progress and timeline current, honouring
 * cancel at each poll (a safe point), and running the convergence policy at the end of each pass.
 * A host that stops answering is waited for, never taken for a failed migration; the moment the
 * hypervisor reports the switchover, the door is journaled as crossed.
 */
export async function watchJob(ctx: RunContext, options: WatchOptions): Promise<JobProgress> {
  const policy = taskOf(ctx).options.convergence;
  const budgetMs = completionBudgetMs(policy, ctx.view.vm(ctx.spec.vmId)?.memoryBytes ?? 0);
  const startedAt = phaseStartedAt(ctx);
  // Seeded from the job at the first poll: it may have run (and been helped) before a restart.
  let convergence: ConvergenceState | null = null;
  let lastIteration = -1;
  let lastMoved = -1;
  let lastMoveAt = startedAt;
  let eta = etaSeed(taskOf(ctx), ctx.clock.now());
  let failures = 0;
  let cancelSent = false;

  for (;;) {
    if (ctx.halted()) throw new HaltSignal();
    let p: JobProgress;
    try {
      p = await untilAnswered(ctx, () => ctx.driver.jobProgress(ctx.taskId));
      failures = 0;
    } catch (error) {
      if (error instanceof HaltSignal || ++failures > tolerableQueryFailures) throw error;
      await sleep(ctx.clock, ctx.pollMs);
      continue;
    }
    const task = taskOf(ctx);
    convergence ??= resumedConvergence(policy, p);
    if (p.switchedOver) crossDoor(ctx, 'the hypervisor switched the guest over');
    const peers = linkPeersOf(task, ctx.board.active());
    eta = nextEta(eta, etaSample(task, p, ctx.clock.now(), peers), task.prediction?.durationMs ?? null, task.prediction?.strategy);
    ctx.board.update(ctx.taskId, { progress: progressFrom(task, p, eta?.etaMs ?? null) }, 'soon');
    if (p.iteration !== lastIteration && p.status !== 'setup') ctx.board.timeline(ctx.taskId, timelinePoint(p, task.phase));

    if (p.status === 'failed')
      throw new PhaseError(p.error?.code ?? 'MIGRATION_FAILED', p.error?.message ?? 'the hypervisor reported the migration failed');
    if (p.status === 'cancelled')
      throw task.cancelRequested
        ? new CancelledError()
        : new PhaseError('ABORTED', p.error?.message ?? 'the hypervisor aborted the migration');
    if (p.status === 'unknown') throw new PhaseError('UNKNOWN_JOB_STATUS', 'the hypervisor reported a job status Ferry does not know');
    if (options.until(p)) return p;

    if (options.cancellable && task.cancelRequested && !task.switchedOver && !cancelSent) {
      cancelSent = await sendCancel(ctx);
    }
    const moved = p.memoryProcessedBytes + p.diskProcessedBytes;
    if (moved !== lastMoved) {
      lastMoved = moved;
      lastMoveAt = ctx.clock.now();
    } else if (options.converge && !task.switchedOver) {
      const stalled = stallOf(p, ctx.clock.now() - lastMoveAt, policy.progressTimeoutSec);
      if (stalled) throw stalled;
    }
    if (options.converge && p.status === 'memory' && !task.switchedOver && !copySent(p)) {
      if (lastIteration >= 0 && p.iteration > lastIteration) {
        const action = nextConvergenceAction(policy, convergence, p.iteration - 1, ctx.spec.postCopyAllowed);
        if (action.kind === 'raise-downtime') await ctx.driver.setDowntimeLimit(ctx.taskId, action.limitMs);
        if (action.kind === 'auto-converge' && ctx.driver.capabilities.autoConvergeLive) await ctx.driver.setAutoConverge(ctx.taskId, true);
        if (action.kind === 'post-copy') {
          // Post-copy moves the guest at once: the door is journaled before asking for it, and asked for once.
          crossDoor(ctx, 'post-copy requested by the convergence policy');
          ctx.board.enterPhase(ctx.taskId, 'switchover', 'post-copy requested by the convergence policy');
          await requestPostCopy(ctx);
        }
        convergence = applyConvergence(convergence, action, p.iteration - 1);
      }
      if (ctx.clock.now() - startedAt > budgetMs) throw completionTimeout(taskOf(ctx).options, budgetMs);
    }
    lastIteration = p.iteration;
    await untilNextPoll(ctx);
  }
}

/** The copy has sent everything: what remains is the hypervisor's switchover (the lab saw seconds of it). */
const copySent = (p: JobProgress): boolean => p.status === 'memory' && p.memoryTotalBytes > 0 && p.memoryRemainingBytes === 0;

/**
 * The stall guard, judging the copy only. Nothing moves while the hypervisor prepares the
 * destination (a large guest's memory is allocated there first): ten times the progress timeout.
 * Nor once the copy has sent everything and the hypervisor switches over: three times, as the guest
 * is paused by then and a dead link may still hold its last pages (giving up aborts, which libvirt
 * either honours, the guest resuming on its source, or overrides by completing; abortJob follows).
 */
function stallOf(p: JobProgress, quietMs: number, progressTimeoutSec: number): PhaseError | null {
  const limitSec = (p.status === 'setup' ? 10 : copySent(p) ? 3 : 1) * progressTimeoutSec;
  if (quietMs <= limitSec * 1000) return null;
  if (p.status === 'setup')
    return new PhaseError(
      'PROGRESS_TIMEOUT',
      `the hypervisor did not start copying within ${limitSec} s`,
      'Check that the destination host can start the VM (its libvirtd and QEMU logs).',
    );
  if (copySent(p))
    return new PhaseError(
      'PROGRESS_TIMEOUT',
      `the switchover did not finish within ${limitSec} s`,
      "Check the migration network and the destination host's libvirtd and QEMU logs.",
    );
  return new PhaseError('PROGRESS_TIMEOUT', `nothing was transferred for ${limitSec} s`, 'Check the migration network between the hosts.');
}

/** When the task first entered its current phase, as journaled: the completion budget survives restarts. */
function phaseStartedAt(ctx: RunContext): number {
  const phase = taskOf(ctx).phase;
  const entered = ctx.board.journalOf(ctx.taskId).find((entry) => entry.phase === phase)?.at;
  return entered ? Math.min(ctx.clock.now(), Date.parse(entered)) : ctx.clock.now();
}

/**
 * Asks for post-copy once. A connection lost on the way leaves it unknown whether the request
 * arrived, so the job is asked (waiting for the host to answer; it shows post-copy a moment after
 * it took), and the request is sent again only if the job still copies in pre-copy. A refusal is
 * no failure when the job shows post-copy anyway (the lost request had arrived).
 */
async function requestPostCopy(ctx: RunContext): Promise<void> {
  for (;;) {
    try {
      await ctx.driver.startPostCopy(ctx.taskId);
      return;
    } catch (error) {
      const lost = isUnreachable(error);
      if (await postCopyTook(ctx, lost ? 4 : 1)) return;
      if (!lost) throw error;
    }
  }
}

async function postCopyTook(ctx: RunContext, polls: number): Promise<boolean> {
  for (let poll = 1; ; poll++) {
    const job = await untilAnswered(ctx, () => ctx.driver.jobProgress(ctx.taskId));
    if (job.switchedOver || job.status === 'postcopy' || jobEnded(job)) return true;
    if (poll >= polls) return false;
    await sleep(ctx.clock, ctx.pollMs);
  }
}

/**
 * Asks the hypervisor to abort. A refusal because the guest switched over meanwhile is no failure:
 * the cancel came too late, the migration completes (cancel is refused past the switchover).
 */
async function sendCancel(ctx: RunContext): Promise<boolean> {
  try {
    await ctx.driver.cancelMigration(ctx.taskId);
    return true;
  } catch (error) {
    if (isUnreachable(error)) return false;
    const now = await ctx.driver.jobProgress(ctx.taskId).catch(() => null);
    if (!now?.switchedOver && now?.status !== 'completed') throw error;
    crossDoor(ctx, 'the cancel reached the hypervisor after the switchover: the migration completes');
    return true;
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
