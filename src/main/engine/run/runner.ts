import { isBeforeSwitchover } from '../../../shared/model/cancel-rule';
import type { Outcome, Phase, Task, TaskError } from '../../../shared/model/migration';
import { DriverError } from '../../drivers/driver';
import { untilAnswered } from './contact';
import { CancelledError, DoorCrossed, HaltSignal, PhaseError } from './errors';
import { goOn } from './forward';
import { phasesFor, type PhaseStep } from './phases';
import { atPhase } from './progress';
import { taskOf, type RunContext, type RunResult } from './run-context';

export type { RunResult };
import { whereabouts } from './whereabouts';

const describe = (error: unknown): TaskError => {
  if (error instanceof PhaseError) return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  if (error instanceof DriverError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
};

/**
 * Runs a migration's phases in their fixed order, each journaled before it acts. When one fails
 * before the switchover, the cleanups of that phase and of every earlier one run in reverse order,
 * each on its own (one failing never skips the next). Past the switchover nothing rolls back: the
 * run goes on from where the guest actually is.
 */
export async function runMigration(ctx: RunContext, from: Phase = 'prepare'): Promise<RunResult> {
  const steps = phasesFor(taskOf(ctx));
  const startAt = Math.max(
    0,
    steps.findIndex((s) => s.name === from),
  );
  const done: PhaseStep[] = steps.slice(0, startAt);
  for (const step of steps.slice(startAt)) {
    if (ctx.halted()) throw new HaltSignal();
    const task = taskOf(ctx);
    // Cancel is honoured between phases until the guest switches over; afterwards it was refused.
    if (task.cancelRequested && !task.switchedOver && isBeforeSwitchover(step.name))
      return recoverFrom(ctx, null, done, describeFailure(ctx, new CancelledError()));
    if (task.phase !== step.name) ctx.board.enterPhase(ctx.taskId, step.name);
    ctx.board.update(ctx.taskId, { progress: atPhase(taskOf(ctx).progress, step.name) }, 'soon');
    try {
      await step.run(ctx);
    } catch (error) {
      if (error instanceof HaltSignal) throw error;
      return recoverFrom(ctx, step, done, describeFailure(ctx, error));
    }
    done.push(step);
  }
  return { state: ctx.problems.length > 0 ? 'completed_with_problems' : 'completed', error: null, problems: ctx.problems };
}

/**
 * After `failed` (or a cancel, with no step failing), from where the guest is: a verify that failed
 * first tries its own fallback (a dead destination, a whole paused source); then, if the guest
 * runs whole on its source, the earlier cleanups roll back; otherwise the run goes on.
 */
export async function recoverFrom(
  ctx: RunContext,
  failed: PhaseStep | null,
  done: readonly PhaseStep[],
  error: TaskError,
): Promise<RunResult> {
  const cleanups = [...done].reverse();
  if (failed?.name === 'verify' || failed?.name === 'commit') await runCleanup(ctx, failed);
  else if (failed) cleanups.unshift(failed);
  const verified = failed?.name === 'verify' ? 'failed' : 'not-yet';
  if (await pastTheDoor(ctx)) return goOnOrRollBack(ctx, cleanups, error, verified);
  try {
    for (const step of cleanups) await runCleanup(ctx, step);
  } catch (signal) {
    if (!(signal instanceof DoorCrossed)) throw signal;
    return goOnOrRollBack(ctx, cleanups, error, verified);
  }
  return { ...(await settle(ctx)), error };
}

/** Rolls back as if `phase` had just failed: used when a restart finds a job that ended badly while Ferry was away. */
export function recoverFromPhase(ctx: RunContext, phase: Phase, error: TaskError): Promise<RunResult> {
  const steps = phasesFor(taskOf(ctx));
  const at = steps.findIndex((s) => s.name === phase);
  return recoverFrom(ctx, steps[at] ?? null, at < 0 ? steps : steps.slice(0, at), error);
}

async function goOnOrRollBack(
  ctx: RunContext,
  cleanups: readonly PhaseStep[],
  error: TaskError,
  verified: 'failed' | 'not-yet' = 'not-yet',
): Promise<RunResult> {
  const forward = await goOn(ctx, error, (from) => runMigration(ctx, from), verified);
  if (forward !== 'roll-back') return forward;
  for (const step of cleanups) await runCleanup(ctx, step).catch(() => undefined);
  return { ...(await settle(ctx)), error };
}

/** The hypervisor's word first: a guest whole on its source can roll back whatever the journal says. */
async function pastTheDoor(ctx: RunContext): Promise<boolean> {
  if (taskOf(ctx).type === 'storage') return taskOf(ctx).switchedOver;
  const where = whereabouts(await untilAnswered(ctx, () => ctx.driver.locateVm(ctx.spec.vmId)), ctx.spec);
  if (where.kind === 'source') return false;
  if (where.kind === 'destination' || where.kind === 'split') return true;
  return taskOf(ctx).switchedOver;
}

/** One cleanup, on its own: a failure is recorded and the next one still runs; crossing the door stops them all. */
async function runCleanup(ctx: RunContext, step: PhaseStep): Promise<void> {
  if (!step.cleanup) return;
  try {
    await step.cleanup(ctx);
  } catch (error) {
    if (error instanceof DoorCrossed || error instanceof HaltSignal) throw error;
    ctx.problems.push(`cleanup of ${step.name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A cancel caused by a closing maintenance window is reported as such. */
function describeFailure(ctx: RunContext, error: unknown): TaskError {
  const task = taskOf(ctx);
  if (error instanceof PhaseError && error.code === 'CANCELLED' && task.windowEndsAt && Date.parse(task.windowEndsAt) <= ctx.clock.now()) {
    return {
      code: 'WINDOW_CLOSED',
      message: 'the scheduled window closed before the switchover',
      hint: 'Give the schedule a longer window or a quieter time.',
    };
  }
  return describe(error);
}

/** After a rollback: aborted only if the VM demonstrably runs once, whole, on its source; otherwise it needs attention. */
async function settle(ctx: RunContext): Promise<Omit<RunResult, 'error'>> {
  try {
    const placements = await untilAnswered(ctx, () => ctx.driver.locateVm(ctx.spec.vmId));
    // A live guest must run once on its source; a cold one must be registered there only, as before.
    const cold = taskOf(ctx).cold;
    const present = placements.filter((p) => (cold ? p.power === 'off' : p.power === 'running' && p.copy === 'whole'));
    if (present.length === 1 && present[0]?.hostId === ctx.spec.sourceHostId && (!cold || placements.length === 1))
      return { state: 'aborted', problems: ctx.problems };
    const where = placements.map((p) => `${p.power} (${p.copy}) on ${ctx.view.host(p.hostId)?.name ?? p.hostId}`).join(', ') || 'nowhere';
    return { state: 'failed', problems: [...ctx.problems, `the VM is ${where}: start or resume it on one host and remove the other copy`] };
  } catch (error) {
    if (error instanceof HaltSignal) throw error;
    return {
      state: 'failed',
      problems: [
        ...ctx.problems,
        `could not find where the VM runs (${error instanceof Error ? error.message : String(error)}); check it on both hosts`,
      ],
    };
  }
}

/** The measured result of a finished run, for the task and the audit trail. */
export function outcomeOf(task: Task, finishedAtMs: number): Outcome {
  const p = task.progress;
  return {
    durationMs: task.startedAt ? Math.max(0, finishedAtMs - Date.parse(task.startedAt)) : 0,
    downtimeMs: p.downtimeMs,
    observedDowntimeMs: p.observedDowntimeMs ?? null,
    transferredBytes: p.memoryProcessedBytes + p.diskProcessedBytes,
    iterations: p.iteration,
    verification: task.verification,
  };
}
