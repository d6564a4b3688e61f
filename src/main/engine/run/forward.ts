import type { Phase, TaskError } from '../../../shared/model/migration';
import { sleep } from '../../base/clock/clock';
import { untilAnswered } from './contact';
import { HaltSignal } from './errors';
import { crossDoor, taskOf, type RunContext, type RunResult } from './run-context';
import { jobEnded, jobOf, watchJob } from './transfer';
import { whereabouts } from './whereabouts';

/** A broken post-copy is resumed this many times before Ferry leaves it to the admin. */
const postCopyRecoveries = 3;
/** How often a split guest without a job Ferry can watch is looked at again. */
const splitPollMs = 2000;

/**
 * Past the one-way door a failure is survived, not rolled back: watch the job to its end, resume a
 * broken post-copy where the hypervisor can, and go on to verify and commit once the guest runs
 * whole on the destination. A guest split for good, or found twice or nowhere, is left exactly as
 * it is, with what the admin must do. 'roll-back' when the guest turns out whole on its source.
 * When verify itself failed with the guest whole on the destination (it rebooted, or does not
 * answer), verifying again cannot change that: it ends failed, nothing more touched.
 */
export async function goOn(
  ctx: RunContext,
  error: TaskError,
  resume: (from: Phase) => Promise<RunResult>,
  verified: 'failed' | 'not-yet' = 'not-yet',
): Promise<RunResult | 'roll-back'> {
  ctx.board.note(ctx.taskId, `past the switchover, ${error.code}: ${error.message}; going on from where the guest is`);
  let recoveries = 0;
  for (;;) {
    if (ctx.halted()) throw new HaltSignal();
    const job = await jobOf(ctx);
    if (taskOf(ctx).type === 'storage' && (!job || jobEnded(job))) return storageOutcome(ctx, job?.status === 'completed', error, resume);
    if (job && !jobEnded(job)) {
      await watchJob(ctx, { until: jobEnded, converge: false, cancellable: false }).catch((e: unknown) => {
        if (e instanceof HaltSignal) throw e;
      });
      continue;
    }
    const placements = await untilAnswered(ctx, () => ctx.driver.locateVm(ctx.spec.vmId));
    const where = whereabouts(placements, ctx.spec);
    switch (where.kind) {
      case 'destination':
        crossDoor(ctx, 'the guest runs whole on the destination');
        if (verified === 'failed') return { state: 'failed', error, problems: [...ctx.problems, unverifiedGuidance(ctx, error)] };
        return resume('verify');
      case 'source':
        return 'roll-back';
      case 'split':
        if (!where.failed) {
          // Pages still flow from the source: the hypervisor ends it, one way or the other.
          await sleep(ctx.clock, splitPollMs);
          continue;
        }
        if (ctx.driver.capabilities.postCopyRecovery && ctx.driver.resumePostCopy && recoveries < postCopyRecoveries) {
          recoveries += 1;
          ctx.board.note(ctx.taskId, `resuming the broken post-copy (attempt ${recoveries})`);
          const resumed = await untilAnswered(ctx, async () => (await ctx.driver.resumePostCopy?.(ctx.taskId), true)).catch(
            (e: unknown) => {
              if (e instanceof HaltSignal) throw e;
              ctx.problems.push(`post-copy recovery failed: ${e instanceof Error ? e.message : String(e)}`);
              return false;
            },
          );
          if (!resumed) recoveries = postCopyRecoveries;
          continue;
        }
        return {
          state: 'failed',
          error,
          problems: [
            ...ctx.problems,
            splitGuidance(
              ctx,
              placements.map((p) => p.hostId),
            ),
          ],
        };
      case 'twice':
      case 'nowhere':
        return { state: 'failed', error, problems: [...ctx.problems, lostGuidance(ctx, where.kind)] };
    }
  }
}

/** Disks that began to pivot onto their copies cannot be rolled back: done, or left to the admin. */
function storageOutcome(
  ctx: RunContext,
  completed: boolean,
  error: TaskError,
  resume: (from: Phase) => Promise<RunResult>,
): Promise<RunResult> {
  if (completed) return resume('verify');
  const vm = taskOf(ctx).vmName;
  const problem = `some disks of ${vm} already switched to their copies and others did not: Ferry changed nothing more. Check the VM's disk paths (virsh domblklist) and move the rest by hand.`;
  return Promise.resolve({ state: 'failed', error, problems: [...ctx.problems, problem] });
}

const nameOf = (ctx: RunContext, hostId: string) => ctx.view.host(hostId)?.name ?? hostId;

function splitGuidance(ctx: RunContext, hostIds: string[]): string {
  const vm = taskOf(ctx).vmName;
  const hosts = [...new Set(hostIds)].map((id) => nameOf(ctx, id)).join(' and ');
  return (
    `${vm} is split between ${hosts} by a post-copy that failed: part of its memory is on each side, so neither copy can run alone. ` +
    'Ferry left both as they are and started nothing. If both hosts are up, resume the post-copy from the source ' +
    '(virsh migrate --postcopy --postcopy-resume); if one of them is lost, the guest is lost: start it again from its disks on one host.'
  );
}

function unverifiedGuidance(ctx: RunContext, error: TaskError): string {
  const vm = taskOf(ctx).vmName;
  const [source, dest] = [nameOf(ctx, ctx.spec.sourceHostId), nameOf(ctx, ctx.spec.destHostId)];
  const what =
    error.code === 'GUEST_REBOOTED'
      ? `${vm} runs on ${dest} as a new boot: its memory state was lost on the way, although the hypervisor reported success.`
      : `${vm} runs on ${dest} but does not answer there.`;
  return (
    `${what} Ferry committed nothing and left any copy on ${source} as it is. ` +
    `Check the guest on ${dest} (its console and logs); once it is healthy, remove what is left of it on ${source}.`
  );
}

function lostGuidance(ctx: RunContext, kind: 'twice' | 'nowhere'): string {
  const vm = taskOf(ctx).vmName;
  const [source, dest] = [nameOf(ctx, ctx.spec.sourceHostId), nameOf(ctx, ctx.spec.destHostId)];
  return kind === 'twice'
    ? `${vm} runs on both ${source} and ${dest}: Ferry touched neither. Keep the copy with the newest state, stop the other.`
    : `${vm} runs on neither ${source} nor ${dest}: Ferry started nothing. Check both hosts, then start it from its disks on one.`;
}
