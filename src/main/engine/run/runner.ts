import type { Outcome, Phase, Task, TaskError, TaskState } from '../../../shared/model/migration';
import { DriverError } from '../../drivers/driver';
import { CancelledError, HaltSignal, PhaseError } from './errors';
import { phasesFor, type PhaseStep } from './phases';
import { atPhase } from './progress';
import { taskOf, type RunContext } from './run-context';

export interface RunResult {
  state: Extract<TaskState, 'completed' | 'completed_with_problems' | 'aborted' | 'failed'>;
  error: TaskError | null;
  problems: string[];
}

const describe = (error: unknown): TaskError => {
  if (error instanceof PhaseError) return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  if (error instanceof DriverError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
};

/**
 * Runs a migration's phases in their fixed order, each journaled before it acts. When one fails,
 * the cleanups of that phase and of every earlier one run in reverse order, each on its own (one
 * failing never skips the next); then the outcome is decided from where the VM actually runs.
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
    if (task.cancelRequested && isBeforeSwitchover(step.name))
      return rollBack(ctx, [...done].reverse(), describeFailure(ctx, new CancelledError()));
    if (task.phase !== step.name) ctx.board.enterPhase(ctx.taskId, step.name);
    ctx.board.update(ctx.taskId, { progress: atPhase(taskOf(ctx).progress, step.name) }, 'soon');
    try {
      await step.run(ctx);
    } catch (error) {
      if (error instanceof HaltSignal) throw error;
      return rollBack(ctx, [step, ...[...done].reverse()], describeFailure(ctx, error));
    }
    done.push(step);
  }
  return { state: ctx.problems.length > 0 ? 'completed_with_problems' : 'completed', error: null, problems: ctx.problems };
}

/** Rolls back as if `phase` had just failed: used when a restart finds a job that ended badly while Ferry was away. */
export function rollBackFrom(ctx: RunContext, phase: Phase, error: TaskError): Promise<RunResult> {
  const steps = phasesFor(taskOf(ctx));
  const at = steps.findIndex((s) => s.name === phase);
  return rollBack(ctx, steps.slice(0, at < 0 ? steps.length : at + 1).reverse(), error);
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

const beforeSwitchover = new Set<Phase>(['queued', 'prepare', 'precheck', 'reserve', 'storage', 'memory']);
export const isBeforeSwitchover = (phase: Phase): boolean => beforeSwitchover.has(phase);

async function rollBack(ctx: RunContext, cleanups: readonly PhaseStep[], error: TaskError): Promise<RunResult> {
  for (const step of cleanups) {
    if (!step.cleanup) continue;
    try {
      await step.cleanup(ctx);
    } catch (cleanupError) {
      ctx.problems.push(`cleanup of ${step.name} failed: ${cleanupError instanceof Error ? cleanupError.message : String(cleanupError)}`);
    }
  }
  return { ...(await settle(ctx)), error };
}

/** After a rollback: aborted only if the VM demonstrably runs once, on its source; otherwise it needs attention. */
async function settle(ctx: RunContext): Promise<Omit<RunResult, 'error'>> {
  try {
    const placements = await ctx.driver.locateVm(ctx.spec.vmId);
    // A live guest must run once on its source; a cold one must be registered there only, as before.
    const cold = taskOf(ctx).cold;
    const present = placements.filter((p) => (cold ? p.power === 'off' : p.power === 'running'));
    if (present.length === 1 && present[0]?.hostId === ctx.spec.sourceHostId && (!cold || placements.length === 1))
      return { state: 'aborted', problems: ctx.problems };
    const where = placements.map((p) => `${p.power} on ${ctx.view.host(p.hostId)?.name ?? p.hostId}`).join(', ') || 'nowhere';
    return { state: 'failed', problems: [...ctx.problems, `the VM is ${where}: start or resume it on one host and remove the other copy`] };
  } catch (error) {
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
    observedDowntimeMs: null,
    transferredBytes: p.memoryProcessedBytes + p.diskProcessedBytes,
    iterations: p.iteration,
  };
}
