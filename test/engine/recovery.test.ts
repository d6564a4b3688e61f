import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../src/shared/model/faults';
import type { Phase } from '../../src/shared/model/migration';
import { useServices, dbOf } from '../helpers/services';
import { auditActions, expectSettled, openWorld, request, untilFinished, untilPhase, type World } from './harness';

interface RecoveryCase {
  name: string;
  vmId: string;
  type?: 'compute' | 'both';
  faults?: FaultRuleInput[];
  stopAt: Phase;
  /** Time that passes while Ferry is not running. */
  awayMs: number;
  /** Applied to the saved hypervisor state while Ferry is away. */
  whileAway?: (world: World) => void;
  state: 'completed' | 'aborted';
  runsOn: string;
  note: RegExp;
  /** Full link speed instead of the slow default that keeps copies going long enough to stop mid-way. */
  fast?: boolean;
}

const slow = {
  bandwidthLimitBps: 32 * 1024 ** 2,
  convergence: {
    maxDowntimeMs: 300,
    downtimeRampMaxMs: 1000,
    autoConverge: true,
    allowPostCopy: true,
    completionTimeoutSecPerGiB: 600,
    progressTimeoutSec: 30,
  },
};

const cases: RecoveryCase[] = [
  {
    name: 'stopped during reserve: queued again, then migrates',
    vmId: 'DC0_C0_H0_VM0',
    faults: [{ operation: 'destination.reserve', delayMs: 5000, fail: false }],
    stopAt: 'reserve',
    awayMs: 1000,
    state: 'completed',
    runsOn: 'DC0_C0_H1',
    note: /queued again/,
  },
  {
    name: 'stopped during memory copy: monitoring resumes',
    vmId: 'DC0_C0_H0_VM0',
    stopAt: 'memory',
    awayMs: 2000,
    state: 'completed',
    runsOn: 'DC0_C0_H1',
    note: /monitoring resumed/,
  },
  {
    name: 'stopped during memory copy, which finished while away: verified and committed',
    vmId: 'DC0_C0_H0_VM0',
    stopAt: 'memory',
    awayMs: 30 * 60_000,
    state: 'completed',
    runsOn: 'DC0_C0_H1',
    note: /finished the copy/,
    fast: true,
  },
  {
    name: 'stopped during memory copy, which failed while away: rolled back',
    vmId: 'DC0_C0_H0_VM0',
    faults: [{ operation: 'link.cut', delayMs: 20_000 }],
    stopAt: 'memory',
    awayMs: 60_000,
    state: 'aborted',
    runsOn: 'DC0_C0_H0',
    note: /rolling back/,
  },
  {
    name: 'stopped during storage copy of a shared-nothing move: monitoring resumes',
    vmId: 'DC0_C0_H0_VM1',
    type: 'both',
    stopAt: 'storage',
    awayMs: 2000,
    state: 'completed',
    runsOn: 'DC0_C0_H1',
    note: /monitoring resumed/,
  },
  {
    name: 'the hypervisor forgot the job: decided from where the guest runs',
    vmId: 'DC0_C0_H0_VM0',
    stopAt: 'memory',
    awayMs: 1000,
    whileAway: (world) => {
      const saved = world.store.load();
      if (!saved) throw new Error('nothing saved');
      saved.jobs = [];
      world.store.save(saved);
    },
    state: 'aborted',
    runsOn: 'DC0_C0_H0',
    note: /hold no job for it/,
  },
  {
    name: 'stopped during verify: verified again and committed',
    vmId: 'DC0_C0_H0_VM0',
    faults: [{ operation: 'probe', target: '*', skip: 1, delayMs: 5000, fail: false }],
    stopAt: 'verify',
    awayMs: 1000,
    state: 'completed',
    runsOn: 'DC0_C0_H1',
    note: /resumed at verify/,
  },
  {
    name: 'stopped during commit: the source copy is cleaned up on restart',
    vmId: 'DC0_C0_H0_VM0',
    faults: [{ operation: 'commit', delayMs: 5000, fail: false }],
    stopAt: 'commit',
    awayMs: 1000,
    state: 'completed',
    runsOn: 'DC0_C0_H1',
    note: /resumed at commit/,
  },
];

describe('recovery after Ferry stops mid-migration', () => {
  const start = useServices();

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const first = await openWorld(start, { faults: c.faults });
    const type = c.type ?? 'compute';
    const [task] = first.services.engine.request(
      request({ vmIds: [c.vmId], type, destDatastoreId: type === 'both' ? 'DC0_C0_H1_DS0' : null, ...(c.fast ? {} : { options: slow }) }),
      { requestedBy: 'alice' },
    );
    if (!task) throw new Error('no task');
    await untilPhase(first, task.id, c.stopAt);
    await first.services.close();
    await first.clock.advance(c.awayMs);
    c.whileAway?.(first);

    const second = await openWorld(start, { store: first.store, dataDir: first.dataDir, clock: first.clock });
    const done = await untilFinished(second, task.id);
    expect(done.state).toBe(c.state);
    await expectSettled(second, c.vmId, c.runsOn);
    const actions = auditActions(second, task.id);
    expect(actions[0]).toBe('migration.requested');
    expect(actions).toContain('migration.recovered');
    expect(actions.at(-1)).toBe('migration.finished');
    expect(actions.filter((a) => a === 'migration.finished')).toHaveLength(1);
    const recovered = dbOf(second.services)
      .prepare("SELECT details FROM audit WHERE task_id = ? AND action = 'migration.recovered'")
      .get(task.id) as { details: string };
    expect(recovered.details).toMatch(c.note);
    expect(second.services.audit.verify().ok).toBe(true);
  });
});

describe('a restart keeps what the convergence policy already did', () => {
  const start = useServices();

  it('never lowers the downtime limit the hypervisor already has, nor turns a throttle off', async () => {
    // tiny's VM0 dirties 50 MiB/s: behind a 40 MiB/s link the policy must ramp the downtime, then throttle.
    const vmId = 'DC0_C0_H0_VM0';
    const first = await openWorld(start, { preset: 'tiny' });
    const options = {
      bandwidthLimitBps: 40 * 1024 ** 2,
      convergence: { ...slow.convergence, allowPostCopy: false, completionTimeoutSecPerGiB: 3600 },
    };
    const [task] = first.services.engine.request(request({ vmIds: [vmId], options }), { requestedBy: 'alice' });
    if (!task) throw new Error('no task');
    await untilPhase(first, task.id, 'memory');
    await first.clock.advanceUntil(() => (first.services.board.get(task.id)?.progress.throttlePercent ?? 0) > 0, 3_600_000, 100);
    const before = await first.sim.jobProgress(task.id);
    expect(before.downtimeLimitMs).toBeGreaterThan(slow.convergence.maxDowntimeMs);
    await first.services.close();

    const second = await openWorld(start, { preset: 'tiny', store: first.store, dataDir: first.dataDir, clock: first.clock });
    const limits: number[] = [];
    const setLimit = second.sim.setDowntimeLimit.bind(second.sim);
    second.sim.setDowntimeLimit = async (jobId, ms) => (limits.push(ms), setLimit(jobId, ms));
    const throttles: boolean[] = [];
    const setAutoConverge = second.sim.setAutoConverge.bind(second.sim);
    second.sim.setAutoConverge = async (jobId, on) => (throttles.push(on), setAutoConverge(jobId, on));
    const done = await untilFinished(second, task.id);
    expect(done.state).toBe('completed');
    expect(limits.filter((ms) => ms < before.downtimeLimitMs)).toEqual([]);
    expect(throttles.filter((on) => !on)).toEqual([]);
  });
});
