import type { Phase, Task } from '../../../shared/model/migration';
import { sleep } from '../../base/clock/clock';
import { PhaseError } from './errors';
import { blocking, precheck, warnings } from '../planning/prechecks';
import { judgeCpu } from '../planning/cpu-judge';
import { taskOf, type RunContext } from './run-context';
import { untilAnswered } from './contact';
import { verdictOf } from './verification';
import { abortJob, ensureJobStarted, jobEnded, jobOf, watchJob } from './transfer';

type WorkPhase = Exclude<Phase, 'queued' | 'done'>;

/** One step of a migration: what it does, and what undoes it when it (or a later step) fails. */
export interface PhaseStep {
  name: WorkPhase;
  applies(task: Task): boolean;
  run(ctx: RunContext): Promise<void>;
  cleanup?(ctx: RunContext): Promise<void>;
}

const memoryMoves = (task: Task): boolean => task.type !== 'storage';
/** A live move copies memory; a cold one (powered-off guest) only re-registers it. */
const memoryCopies = (task: Task): boolean => memoryMoves(task) && !task.cold;
const disksMove = (task: Task): boolean => task.type !== 'compute';
const always = (): boolean => true;

async function probeWithRetries(ctx: RunContext, hostId: string, attempts = 3) {
  let last = null;
  for (let i = 0; i < attempts; i++) {
    try {
      last = await ctx.driver.probeVm(ctx.spec.vmId, hostId);
      if (last.alive) return last;
    } catch {
      last = null;
    }
    await sleep(ctx.clock, 1000);
  }
  return last;
}

/**
 * The migration's fixed order (Proxmox's AbstractMigrate in spirit): prepare → precheck →
 * reserve → storage → memory → switchover → verify → commit. Drivers never change it.
 */
const phases: readonly PhaseStep[] = [
  {
    name: 'prepare',
    applies: always,
    async run(ctx) {
      // The VM lock is the task row itself (one active task per VM); here we note who the guest is,
      // in SQLite, so a restarted Ferry still catches a guest that rebooted on the way.
      if (taskOf(ctx).cold) return;
      const probe = await untilAnswered(ctx, () => ctx.driver.probeVm(ctx.spec.vmId, ctx.spec.sourceHostId)).catch(() => null);
      const alive = probe?.alive ? probe : null;
      ctx.board.update(ctx.taskId, {
        sourceBootId: alive?.bootId ?? null,
        sourceAgentClock: alive && alive.guestClockMs !== null ? { guestMs: alive.guestClockMs, hostMs: ctx.clock.now() } : null,
      });
    },
  },
  {
    name: 'precheck',
    applies: always,
    async run(ctx) {
      const task = taskOf(ctx);
      const vm = ctx.view.vm(task.vmId);
      const dest = ctx.view.host(task.destHostId);
      if (!vm || !dest) throw new PhaseError('NOT_FOUND', 'the VM or the destination host is gone from the inventory');
      if (vm.hostId !== task.sourceHostId)
        throw new PhaseError('VM_MOVED', `${vm.name} no longer runs on the source host`, 'Plan the migration again.');
      const results = precheck(ctx.view, {
        vm,
        dest,
        type: task.type,
        destDatastoreId: task.destDatastoreId,
        inbound: ctx.inboundExcludingSelf().get(dest.id),
        vmAlreadyMigrating: false,
      });
      const errors = blocking(results);
      if (errors.length > 0) throw new PhaseError('PRECHECK_FAILED', errors.map((e) => e.message).join(' '), errors[0]?.hint);
      // Where the hypervisor can compare CPUs itself, its word beats our feature lists.
      if (task.type !== 'storage' && !task.cold) {
        const cpu = await judgeCpu(ctx.driver, vm, dest);
        if (cpu) throw new PhaseError('CPU_INCOMPATIBLE', cpu.message, cpu.hint);
      }
      const unexpected = warnings(results).filter((w) => !task.acknowledgedWarnings.includes(w.code));
      if (unexpected.length > 0)
        throw new PhaseError(
          'WARNINGS_NOT_ACKNOWLEDGED',
          unexpected.map((w) => w.message).join(' '),
          'Review the new warnings and start the migration again.',
        );
    },
  },
  {
    name: 'reserve',
    applies: always,
    run: (ctx) => ctx.driver.reserveDestination(ctx.spec),
    cleanup: (ctx) => ctx.driver.releaseDestination(ctx.spec),
  },
  {
    name: 'storage',
    applies: disksMove,
    async run(ctx) {
      await ensureJobStarted(ctx);
      const storageOnly = !memoryMoves(taskOf(ctx));
      await watchJob(ctx, {
        until: (p) => (storageOnly ? p.status === 'completed' : p.status !== 'setup' && p.status !== 'storage'),
        converge: false,
        cancellable: true,
      });
    },
    async cleanup(ctx) {
      await abortJob(ctx);
      if (memoryMoves(taskOf(ctx))) await ctx.driver.removeLeftovers(ctx.spec, ctx.spec.destHostId);
    },
  },
  {
    name: 'memory',
    applies: memoryCopies,
    async run(ctx) {
      await ensureJobStarted(ctx);
      await watchJob(ctx, {
        until: (p) => p.switchedOver || p.status === 'postcopy' || p.status === 'completed',
        converge: true,
        cancellable: true,
      });
    },
    async cleanup(ctx) {
      await abortJob(ctx);
      await ctx.driver.removeLeftovers(ctx.spec, ctx.spec.destHostId);
    },
  },
  {
    name: 'switchover',
    applies: memoryMoves,
    async run(ctx) {
      // A cold move starts its job here (after any disk copy); a live one is already past its copy.
      if (taskOf(ctx).cold) await ensureJobStarted(ctx);
      await watchJob(ctx, { until: (p) => p.status === 'completed', converge: false, cancellable: taskOf(ctx).cold });
    },
    async cleanup(ctx) {
      // Only a cold move can fail here before anything switched: drop what it left on the destination.
      if (!taskOf(ctx).cold) return;
      await abortJob(ctx);
      await ctx.driver.removeLeftovers(ctx.spec, ctx.spec.destHostId);
    },
  },
  {
    name: 'verify',
    applies: always,
    async run(ctx) {
      // A post-copy may still pull pages after a restart: the guest is whole only once its job has ended.
      const job = await jobOf(ctx);
      if (job && !jobEnded(job)) await watchJob(ctx, { until: jobEnded, converge: false, cancellable: false });
      const target = ctx.spec.destHostId;
      // The guest is asked while its placement is read (both only read; the answer counts only where
      // the placement holds): on real hosts each is a few round trips, one after the other before.
      const probed = taskOf(ctx).cold ? null : probeWithRetries(ctx, target);
      const placements = await untilAnswered(ctx, () => ctx.driver.locateVm(ctx.spec.vmId));
      if (taskOf(ctx).cold) {
        // A cold move has nothing to probe: the guest must be registered on the destination only, still off.
        if (placements.length !== 1 || placements[0]?.hostId !== target || placements[0]?.power !== 'off') {
          throw new PhaseError(
            'NOT_ON_DESTINATION',
            `after the move the VM is ${placements.map((p) => `${p.power} on ${p.hostId}`).join(', ') || 'nowhere'}, not only registered on the destination`,
          );
        }
        return;
      }
      const running = placements.filter((p) => p.power === 'running' && p.copy === 'whole');
      if (running.length !== 1 || running[0]?.hostId !== target) {
        throw new PhaseError(
          'NOT_ON_DESTINATION',
          `after the switchover the VM runs on ${running.map((p) => p.hostId).join(', ') || 'no host'}, not only on the destination`,
        );
      }
      const probe = await probed;
      const task = taskOf(ctx);
      const verdict = verdictOf({ bootId: task.sourceBootId, agentClock: task.sourceAgentClock }, probe, ctx.clock.now());
      if (verdict.kind === 'failed') throw new PhaseError(verdict.code, verdict.message, verdict.hint);
      if (verdict.problem) ctx.problems.push(verdict.problem);
      ctx.board.update(ctx.taskId, { verification: verdict.level });
    },
    async cleanup(ctx) {
      // Where the source keeps a paused, whole copy until commit (a pre-copy switchover) and the
      // destination is proven not alive: drop the destination's dead copy and resume the source.
      const placements = await untilAnswered(ctx, () => ctx.driver.locateVm(ctx.spec.vmId));
      const source = placements.find((p) => p.hostId === ctx.spec.sourceHostId);
      if (source?.power !== 'paused' || (source.copy !== 'whole' && source.copy !== 'migrating')) return;
      // A guest that answers on the destination, even as a new boot, has run on its disks: the old
      // copy must not wake up over them.
      if ((await ctx.driver.probeVm(ctx.spec.vmId, ctx.spec.destHostId).catch(() => null))?.alive) return;
      await ctx.driver.removeLeftovers(ctx.spec, ctx.spec.destHostId);
      await ctx.driver.resumeVm(ctx.spec.vmId, ctx.spec.sourceHostId);
    },
  },
  {
    name: 'commit',
    applies: always,
    // After verify the VM runs on the destination: nothing rolls back from here, problems are reported.
    async run(ctx) {
      try {
        await ctx.driver.removeLeftovers(ctx.spec, ctx.spec.sourceHostId);
      } catch (error) {
        ctx.problems.push(
          `could not clean up the source (${error instanceof Error ? error.message : String(error)}); remove what is left of the VM on its old host`,
        );
      }
      await ctx.refreshInventory();
    },
  },
];

export const phasesFor = (task: Task): PhaseStep[] => phases.filter((p) => p.applies(task));
