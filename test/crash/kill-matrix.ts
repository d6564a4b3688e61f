import type { FaultRuleInput } from '../../src/shared/model/faults';
import { defaultConvergencePolicy, type MigrationOptions, type Phase, type Task } from '../../src/shared/model/migration';
import type { MigrationRequest } from '../../src/shared/model/schedule';
import { buildPreset } from '../../src/main/drivers/sim/presets';
import { BridgeClient } from '../e2e/bridge-client';
import { ConsoleApp } from '../e2e/console-app';
import { JournalWatch } from './journal-watch';
import { SimTruth } from './sim-world';

/**
 * The kill matrix on the simulated datacenter: a migration, the console killed with SIGKILL while
 * the task is in one phase, the console started again on the same data folder, and then what
 * vMotion promises: the VM runs exactly once (same boot, uptime going on), nothing is left behind,
 * the task's outcome says where it runs, the audit trail has one `finished` record, and the same
 * move retried succeeds.
 */
export interface KillScenario {
  name: string;
  kind: 'compute' | 'shared-nothing' | 'storage-only' | 'post-copy';
  phase: Phase;
  request: MigrationRequest;
  /** The move back, to retry once the first went through (a rolled-back one is retried as it was). */
  back: MigrationRequest;
  simSpeed: number;
  /** Fault rules that stretch the phase so a kill lands inside it. */
  faults?: FaultRuleInput[];
  /** Migrations started first (e.g. to fill a link so the scenario's task waits in the queue). */
  blockers?: MigrationRequest[];
}

export interface KillResult {
  name: string;
  outcome: Task['state'];
  /** The guest runs nowhere, or not whole, or not as the same boot. */
  lost: boolean;
  /** The guest runs, or is held, on more than one host. */
  doubled: boolean;
  leaks: string[];
  finishedRecords: number;
  /** Where the outcome says it runs and where it does: the same. */
  outcomeTrue: boolean;
  retried: Task['state'] | null;
  /** The phase the journal showed when the kill landed (a short phase may be over by then). */
  killedIn?: Phase | null;
  /** From the restart's first line of output to the task's end. */
  recoveryMs: number;
  /** What the task said at its end (error, problems), for the report. */
  detail?: string;
  /** Lines of the console's stderr that must never appear. */
  unhandled: string[];
}

/** What every scenario must keep, on any backend: the VM once, nothing left, one record, the truth. */
export const promiseKept = { lost: false, doubled: false, leaks: [], finishedRecords: 1, outcomeTrue: true, unhandled: [] };
export const promiseOf = (r: KillResult) => ({
  lost: r.lost,
  doubled: r.doubled,
  leaks: r.leaks,
  finishedRecords: r.finishedRecords,
  outcomeTrue: r.outcomeTrue,
  unhandled: r.unhandled,
});

const MiB = 1024 ** 2;
const slow = (bandwidthMiBps: number, postCopy = false): MigrationOptions => ({
  bandwidthLimitBps: bandwidthMiBps * MiB,
  convergence: postCopy
    ? {
        maxDowntimeMs: 300,
        downtimeRampMaxMs: 300,
        autoConverge: false,
        allowPostCopy: true,
        completionTimeoutSecPerGiB: 600,
        progressTimeoutSec: 60,
      }
    : { ...defaultConvergencePolicy, progressTimeoutSec: 60 },
});
const fast: MigrationOptions = { bandwidthLimitBps: null, convergence: defaultConvergencePolicy };
const move = (vmId: string, destHostId: string, options: MigrationOptions, more: Partial<MigrationRequest> = {}): MigrationRequest => ({
  vmIds: [vmId],
  destHostId,
  type: 'compute',
  destDatastoreId: null,
  priority: 'default',
  options,
  // Slowed on purpose, as an admin who ticks what the checks warn of a bandwidth or give-up limit.
  acknowledgedWarnings: ['WILL_NOT_CONVERGE', 'WILL_TIME_OUT'],
  ...more,
});

const vm5 = 'DC0_C0_H0_VM5'; // 1 GiB, shared disk
const vm2 = 'DC0_C0_H0_VM2'; // 2 GiB, local disk
const dirty = 'DC0_C0_H1_VM4'; // 2 GiB, dirties 15 MiB/s: outruns a 10 MiB/s link
const delay = (operation: FaultRuleInput['operation'], target: string, ms: number): FaultRuleInput => ({
  operation,
  target,
  delayMs: ms,
  fail: false,
  count: 1,
  probability: 1,
  skip: 0,
  message: 'stretched by the kill matrix',
});

/** Every journaled phase, at least once, each in a migration kind where it does real work. */
export const simScenarios: KillScenario[] = [
  {
    name: 'sim/compute/queued',
    kind: 'compute',
    phase: 'queued',
    simSpeed: 10,
    // Two high-priority moves take all of DC0_C0_H0's migration link: the third waits.
    blockers: [
      move('DC0_C0_H0_VM0', 'DC0_C0_H1', slow(1024), { priority: 'high' }),
      move('DC0_C0_H0_VM1', 'DC0_C0_H1', slow(1024), { priority: 'high' }),
    ],
    request: move(vm5, 'DC0_C0_H1', slow(512)),
    back: move(vm5, 'DC0_C0_H0', fast),
  },
  {
    name: 'sim/compute/prepare',
    kind: 'compute',
    phase: 'prepare',
    simSpeed: 10,
    faults: [delay('probe', 'DC0_C0_H0', 30_000)],
    request: move(vm5, 'DC0_C0_H1', slow(512)),
    back: move(vm5, 'DC0_C0_H0', fast),
  },
  {
    name: 'sim/compute/precheck',
    kind: 'compute',
    phase: 'precheck',
    simSpeed: 10,
    faults: [delay('cpu.compare', 'DC0_C0_H1', 30_000)],
    request: move(vm5, 'DC0_C0_H1', slow(512)),
    back: move(vm5, 'DC0_C0_H0', fast),
  },
  {
    name: 'sim/shared-nothing/reserve',
    kind: 'shared-nothing',
    phase: 'reserve',
    simSpeed: 10,
    faults: [delay('destination.reserve', 'DC0_C0_H1', 30_000)],
    request: move(vm2, 'DC0_C0_H1', slow(1024), { type: 'both', destDatastoreId: 'DC0_C0_H1_DS0' }),
    back: move(vm2, 'DC0_C0_H0', fast, { type: 'both', destDatastoreId: 'DC0_C0_H0_DS0' }),
  },
  {
    name: 'sim/shared-nothing/storage',
    kind: 'shared-nothing',
    phase: 'storage',
    simSpeed: 10,
    request: move(vm2, 'DC0_C0_H1', slow(256), { type: 'both', destDatastoreId: 'DC0_C0_H1_DS0' }),
    back: move(vm2, 'DC0_C0_H0', fast, { type: 'both', destDatastoreId: 'DC0_C0_H0_DS0' }),
  },
  {
    name: 'sim/compute/memory',
    kind: 'compute',
    phase: 'memory',
    simSpeed: 10,
    request: move(vm5, 'DC0_C0_H1', slow(64)),
    back: move(vm5, 'DC0_C0_H0', fast),
  },
  {
    name: 'sim/post-copy/switchover',
    kind: 'post-copy',
    phase: 'switchover',
    simSpeed: 50,
    request: move(dirty, 'DC0_C0_H0', slow(10, true)),
    back: move(dirty, 'DC0_C0_H1', { ...fast, convergence: slow(10, true).convergence }),
  },
  {
    name: 'sim/compute/verify',
    kind: 'compute',
    phase: 'verify',
    simSpeed: 10,
    faults: [delay('probe', 'DC0_C0_H1', 30_000)],
    request: move(vm5, 'DC0_C0_H1', slow(512)),
    back: move(vm5, 'DC0_C0_H0', fast),
  },
  {
    name: 'sim/compute/commit',
    kind: 'compute',
    phase: 'commit',
    simSpeed: 10,
    faults: [delay('commit', 'DC0_C0_H0', 30_000)],
    request: move(vm5, 'DC0_C0_H1', slow(512)),
    back: move(vm5, 'DC0_C0_H0', fast),
  },
  {
    name: 'sim/storage-only/storage',
    kind: 'storage-only',
    phase: 'storage',
    simSpeed: 10,
    request: move(vm2, 'DC0_C0_H0', slow(256), { type: 'storage', destHostId: null, destDatastoreId: 'DC0_C0_DS0' }),
    back: move(vm2, 'DC0_C0_H0', fast, { type: 'storage', destHostId: null, destDatastoreId: 'DC0_C0_H0_DS0' }),
  },
];

const until = async (check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

async function finished(client: BridgeClient, taskId: string, timeoutMs: number): Promise<Task> {
  let task: Task | undefined;
  await until(
    async () => {
      task = (await client.invoke('tasks.detail', { taskId })).task;
      return task.state !== 'queued' && task.state !== 'running';
    },
    timeoutMs,
    `task ${taskId} to end`,
  );
  return task as Task;
}

/** The task's phase as the killed console left it in its journal. */
export function phaseAfterKill(dataDir: string, taskId: string): Phase | null {
  const watch = new JournalWatch(dataDir);
  try {
    return watch.phaseOf(taskId);
  } finally {
    watch.close();
  }
}

/** Runs one scenario end to end; the caller asserts on the result (or counts it, in the bench). */
export async function runSimScenario(s: KillScenario): Promise<KillResult> {
  const app = new ConsoleApp({ preset: 'demo', simSpeed: s.simSpeed });
  try {
    const vmId = s.request.vmIds[0] as string;
    const boot = buildPreset('demo', 0).vms.find((v) => v.id === vmId)?.bootId;
    let client = await BridgeClient.connect(await app.start());
    for (const rule of s.faults ?? []) await client.invoke('faults.add', { driverId: 'sim', rule });
    for (const blocker of s.blockers ?? []) await client.invoke('migration.start', blocker);
    const [taskId] = (await client.invoke('migration.start', s.request)).taskIds;
    if (!taskId) throw new Error('no task');
    const watch = new JournalWatch(app.dataDir);
    try {
      if (s.phase === 'queued')
        await until(
          async () => (await client.invoke('tasks.detail', { taskId })).task.waitingFor !== null,
          30_000,
          'the task to wait in the queue',
        );
      else await watch.until(taskId, s.phase);
    } finally {
      watch.close();
    }
    client.close();
    await app.kill();
    const killedIn = phaseAfterKill(app.dataDir, taskId);
    // The guest's boot as the sim had saved it when the console died (it keeps its own state on disk).
    const bootedAt = SimTruth.read(app.dataDir)?.guest(vmId)?.bootedAtMs;

    const restartedAt = Date.now();
    client = await BridgeClient.connect(await app.start());
    const task = await finished(client, taskId, 240_000);
    const recoveryMs = Date.now() - restartedAt;
    const audit = await client.invoke('audit.query', {
      filter: { taskId, action: 'migration.finished' },
      page: 0,
      pageSize: 10,
      sort: { field: 'id', direction: 'asc' },
    });
    client.close();
    await app.stop();

    const truth = SimTruth.read(app.dataDir);
    if (!truth) throw new Error('the simulated datacenter was never saved');
    const guest = truth.guest(vmId);
    const expectedHost = task.state === 'completed' || task.state === 'completed_with_problems' ? task.destHostId : task.sourceHostId;
    const whole = guest !== undefined && guest.power === 'running' && (guest.copy ?? 'whole') === 'whole' && !guest.crashed;
    const result: KillResult = {
      name: s.name,
      outcome: task.state,
      lost: !whole || guest?.bootId !== boot || (bootedAt !== undefined && guest?.bootedAtMs !== bootedAt),
      doubled: (guest?.pausedOn.length ?? 0) > 0,
      leaks: truth.leftoversOf(taskId),
      finishedRecords: audit.total,
      outcomeTrue: guest?.hostId === expectedHost,
      retried: null,
      killedIn,
      recoveryMs,
      unhandled: app.stderr.split('\n').filter((l) => /unhandled|uncaught/i.test(l)),
    };

    // The same move again (or back, if it went through): nothing left behind may stand in its way.
    client = await BridgeClient.connect(await app.start());
    const wentThrough = task.state === 'completed' || task.state === 'completed_with_problems';
    const retry = wentThrough ? s.back : { ...s.request, options: { ...s.request.options, bandwidthLimitBps: null } };
    const [retryId] = (
      await client.invoke('migration.start', retry).catch((e: { details?: unknown }) => {
        throw new Error(`retry refused: ${JSON.stringify(e.details)}`);
      })
    ).taskIds;
    result.retried = retryId ? (await finished(client, retryId, 240_000)).state : null;
    client.close();
    return result;
  } finally {
    await app.dispose();
  }
}
