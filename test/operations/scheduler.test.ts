import { describe, expect, it, vi } from 'vitest';
import { VirtualClock } from '../../src/main/base/clock/virtual-clock';
import { runsAfter } from '../../src/main/operations/schedule-times';
import { ScheduleRepository } from '../../src/main/store/schedules';
import type { ScheduleInput } from '../../src/shared/model/schedule';
import { useServices, dbOf } from '../helpers/services';
import { openWorld, request, untilFinished, type World } from '../engine/harness';

const at = (iso: string) => new VirtualClock(Date.parse(iso));
const iso = (ms: number) => new Date(ms).toISOString();
const audit = (world: World, action: string) =>
  dbOf(world.services).prepare('SELECT actor, details, outcome FROM audit WHERE action = ? ORDER BY id').all(action) as {
    actor: string;
    details: string;
    outcome: string | null;
  }[];

const schedule = (overrides: Partial<ScheduleInput> = {}): ScheduleInput => ({
  name: 'nightly',
  timing: { kind: 'recurring', cron: '0 2 * * *', timezone: 'Europe/Berlin' },
  windowMinutes: null,
  graceMinutes: 15,
  request: request({ vmIds: ['DC0_C0_H0_VM0'] }),
  ...overrides,
});

describe('schedule times (croner, time zones and DST)', () => {
  it('keeps 02:30 local across the spring-forward night by running at the first valid time', () => {
    // Europe/Berlin jumps from 02:00 to 03:00 on 2026-03-29.
    const runs = runsAfter({ kind: 'recurring', cron: '30 2 * * *', timezone: 'Europe/Berlin' }, Date.parse('2026-03-27T12:00:00Z'), 3).map(
      iso,
    );
    expect(runs).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
  });

  it('runs once, not twice, in the repeated hour of the fall-back night', () => {
    // America/New_York repeats 01:00-02:00 on 2026-11-01.
    const runs = runsAfter(
      { kind: 'recurring', cron: '30 1 * * *', timezone: 'America/New_York' },
      Date.parse('2026-10-31T12:00:00Z'),
      3,
    ).map(iso);
    expect(runs).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z', '2026-11-03T06:30:00.000Z']);
  });

  it('fires a one-off schedule exactly once', () => {
    const timing = { kind: 'once', at: '2026-05-01T10:00:00.000Z' } as const;
    expect(runsAfter(timing, Date.parse('2026-04-30T00:00:00Z'), 5)).toHaveLength(1);
    expect(runsAfter(timing, Date.parse('2026-05-01T10:00:00Z'), 5)).toHaveLength(0);
  });
});

describe('scheduler on a virtual clock', () => {
  const start = useServices();

  it('fires through the engine on behalf of its creator, and the migration completes', async () => {
    const clock = at('2026-06-01T23:00:00Z');
    const world = await openWorld(start, { clock });
    const created = world.services.scheduler.create(schedule({ timing: { kind: 'once', at: '2026-06-01T23:30:00.000Z' } }), 'alice');
    expect(created.nextRuns).toEqual(['2026-06-01T23:30:00.000Z']);
    await clock.advance(29 * 60_000);
    expect(world.services.engine.tasks()).toHaveLength(0);
    await clock.advance(60_000);
    const [task] = world.services.engine.tasks();
    expect(task).toMatchObject({ requestedBy: 'scheduler (on behalf of alice)', scheduleId: created.id });
    expect((await untilFinished(world, task!.id)).state).toBe('completed');
    expect(audit(world, 'schedule.fired')).toEqual([
      expect.objectContaining({ actor: 'scheduler (on behalf of alice)', outcome: 'queued' }),
    ]);
    expect(world.services.scheduler.list()[0]?.nextRuns).toEqual([]);
  });

  // The soak found it: each change and each minute's check read and recomputed every schedule, so
  // creating 1,000 took minutes and a week of them ran at a crawl.
  it('reads and recomputes only what changed or is due, not every schedule at each change and check', async () => {
    const clock = at('2026-06-01T12:00:00Z');
    const world = await openWorld(start, { clock });
    const reads = vi.spyOn(ScheduleRepository.prototype, 'all');
    try {
      for (let i = 0; i < 30; i++) world.services.scheduler.create(schedule({ name: `nightly ${i}` }), 'alice');
      await clock.advance(60 * 60_000); // an hour of checks with nothing due
      expect(reads).not.toHaveBeenCalled();
      await clock.advance(13 * 60 * 60_000); // 02:00 Berlin: all 30 are due at once
      expect(audit(world, 'schedule.fired')).toHaveLength(30);
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });

  // New-user review 16, 11: a "Schedule created" record left the audit's VM column empty, its VM named only in the details.
  it("names the schedule's VM in its audit records, or how many VMs it moves", async () => {
    const world = await openWorld(start, { clock: at('2026-06-01T12:00:00Z') });
    const one = world.services.scheduler.create(schedule(), 'alice');
    const vmIds = ['DC0_C0_H0_VM0', 'DC0_C0_H0_VM1', 'DC0_C0_H1_VM0'];
    world.services.scheduler.create(schedule({ name: 'three', request: request({ vmIds }) }), 'alice');
    world.services.scheduler.remove(one.id, 'alice');
    const vms = dbOf(world.services).prepare("SELECT action, vm_id, vm_name FROM audit WHERE action LIKE 'schedule.%' ORDER BY id").all();
    expect(vms).toEqual([
      { action: 'schedule.created', vm_id: 'DC0_C0_H0_VM0', vm_name: 'DC0_C0_H0_VM0' },
      { action: 'schedule.created', vm_id: vmIds.join(' '), vm_name: '3 VMs' },
      { action: 'schedule.deleted', vm_id: 'DC0_C0_H0_VM0', vm_name: 'DC0_C0_H0_VM0' },
    ]);
  });

  it('previews the next runs and does not fire while paused', async () => {
    const clock = at('2026-06-01T12:00:00Z');
    const world = await openWorld(start, { clock });
    const s = world.services.scheduler.create(schedule(), 'alice');
    // 02:00 in Berlin in June (CEST, UTC+2) is midnight UTC.
    expect(s.nextRuns.slice(0, 2)).toEqual(['2026-06-02T00:00:00.000Z', '2026-06-03T00:00:00.000Z']);
    world.services.scheduler.setPaused(s.id, true, 'alice');
    await clock.advance(24 * 3600_000);
    expect(world.services.engine.tasks()).toHaveLength(0);
    world.services.scheduler.remove(s.id, 'bob');
    expect(audit(world, 'schedule.deleted')).toEqual([expect.objectContaining({ actor: 'bob' })]);
  });

  it('rejects an invalid cron expression or time zone with a typed error', async () => {
    const world = await openWorld(start);
    expect(() =>
      world.services.scheduler.create(schedule({ timing: { kind: 'recurring', cron: 'every night', timezone: 'UTC' } }), 'a'),
    ).toThrow(/cron/);
    expect(() =>
      world.services.scheduler.create(schedule({ timing: { kind: 'recurring', cron: '0 2 * * *', timezone: 'Mars/Olympus' } }), 'a'),
    ).toThrow(/time zone/);
    expect(world.services.scheduler.list()).toEqual([]);
  });

  // Review 5, F4: 1 Jan 2020 was accepted, listed as if planned, and never ran. A time within the last
  // minute is still taken (clock skew between the console and Ferry), and fires at once.
  it('refuses a one-off time that has passed, on create and on update, with a typed error; a minute of skew is allowed', async () => {
    const clock = at('2026-06-01T12:00:00Z');
    const world = await openWorld(start, { clock });
    const once = (iso: string) => schedule({ timing: { kind: 'once', at: iso, timezone: 'Europe/Rome' } });
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error;
      }
      return null;
    };
    expect(refusal(() => world.services.scheduler.create(once('2020-01-01T09:00:00.000Z'), 'a'))).toMatchObject({
      code: 'SCHEDULE_TIME_PASSED',
      message: expect.stringMatching(/has passed/),
      details: { at: '2020-01-01T09:00:00.000Z', now: '2026-06-01T12:00:00.000Z' },
    });
    expect(world.services.scheduler.list()).toEqual([]);
    const created = world.services.scheduler.create(once('2026-06-01T11:59:30.000Z'), 'a');
    expect(created.nextRuns).toEqual([]);
    const later = world.services.scheduler.create(once('2026-06-01T13:00:00.000Z'), 'a');
    expect(refusal(() => world.services.scheduler.update(later.id, once('2026-06-01T11:58:00.000Z'), 'a'))).toMatchObject({
      code: 'SCHEDULE_TIME_PASSED',
    });
    expect(world.services.scheduler.list().find((s) => s.id === later.id)?.timing).toMatchObject({ at: '2026-06-01T13:00:00.000Z' });
    await clock.advance(60_000);
    expect(audit(world, 'schedule.fired')).toHaveLength(1);
  });

  it('after downtime: runs late within the grace period, records the earlier ones as missed', async () => {
    const clock = at('2026-06-01T12:00:00Z');
    const first = await openWorld(start, { clock });
    first.services.scheduler.create(schedule({ graceMinutes: 30 }), 'alice');
    await first.services.close();
    // Ferry is away for three nightly runs; it comes back 10 minutes after the third.
    await clock.advance(Date.parse('2026-06-04T00:10:00Z') - clock.now());
    const second = await openWorld(start, { store: first.store, dataDir: first.dataDir, clock });
    expect(audit(second, 'schedule.missed')).toHaveLength(2);
    expect(audit(second, 'schedule.fired')[0]?.details).toMatch(/late by 600 s/);
    expect(second.services.engine.tasks()).toHaveLength(1);
  });

  it('after downtime longer than the grace period: records the run as missed and does not start it', async () => {
    const clock = at('2026-06-01T12:00:00Z');
    const first = await openWorld(start, { clock });
    first.services.scheduler.create(schedule({ graceMinutes: 5 }), 'alice');
    await first.services.close();
    await clock.advance(Date.parse('2026-06-02T01:00:00Z') - clock.now());
    const second = await openWorld(start, { store: first.store, dataDir: first.dataDir, clock });
    expect(audit(second, 'schedule.missed').map((r) => r.details)).toEqual([expect.stringContaining('grace period')]);
    expect(second.services.engine.tasks()).toHaveLength(0);
  });

  it('rolls back a scheduled run that has not switched over when its window closes', async () => {
    const clock = at('2026-06-01T23:00:00Z');
    const world = await openWorld(start, { clock });
    const slow = {
      bandwidthLimitBps: 8 * 1024 ** 2,
      convergence: {
        maxDowntimeMs: 300,
        downtimeRampMaxMs: 1000,
        autoConverge: true,
        allowPostCopy: false,
        completionTimeoutSecPerGiB: 3600,
        progressTimeoutSec: 600,
      },
    };
    world.services.scheduler.create(
      schedule({
        timing: { kind: 'once', at: '2026-06-01T23:10:00.000Z' },
        windowMinutes: 1,
        request: request({ vmIds: ['DC0_C0_H0_VM0'], options: slow }),
      }),
      'alice',
    );
    await clock.advance(10 * 60_000);
    const [task] = world.services.engine.tasks();
    const done = await untilFinished(world, task!.id);
    expect(done).toMatchObject({ state: 'aborted', error: { code: 'WINDOW_CLOSED' } });
    expect(Date.parse(done.finishedAt!) - Date.parse('2026-06-01T23:10:00.000Z')).toBeGreaterThanOrEqual(60_000);
  });

  it('after a suspend: a run later than the grace period is recorded as missed, not started, and shown missed', async () => {
    const clock = at('2026-06-01T12:00:00Z');
    const world = await openWorld(start, { clock });
    const s = world.services.scheduler.create(schedule({ graceMinutes: 15 }), 'alice');
    // The laptop sleeps from before the 02:00 (00:00 UTC) run until 08:30 local; its timers fire late.
    clock.suspend(Date.parse('2026-06-02T06:30:00Z') - clock.now());
    await clock.advance(1000);
    expect(world.services.engine.tasks()).toHaveLength(0);
    expect(audit(world, 'schedule.missed').map((r) => r.details)).toEqual([expect.stringContaining('due at 2026-06-02T00:00:00.000Z')]);
    expect(world.services.scheduler.list()[0]).toMatchObject({ id: s.id, lastMissedAt: '2026-06-02T00:00:00.000Z' });
    // The next night runs on time again (skipping the idle day, as advancing through it is slow).
    clock.suspend(Date.parse('2026-06-02T23:59:00Z') - clock.now());
    await clock.advance(2 * 60_000);
    expect(audit(world, 'schedule.fired')).toEqual([expect.objectContaining({ outcome: 'queued' })]);
  });

  it('after a short suspend within the grace period: the run starts late and says so', async () => {
    const clock = at('2026-06-01T12:00:00Z');
    const world = await openWorld(start, { clock });
    world.services.scheduler.create(schedule({ graceMinutes: 15 }), 'alice');
    clock.suspend(Date.parse('2026-06-02T00:05:00Z') - clock.now());
    await clock.advance(1000);
    expect(world.services.engine.tasks()).toHaveLength(1);
    expect(audit(world, 'schedule.fired')[0]?.details).toMatch(/late by 30\d s/);
  });

  it('catching up more than 1,000 due runs: the latest one is the one considered', async () => {
    const clock = at('2026-06-01T12:00:00Z');
    const first = await openWorld(start, { clock });
    const s = first.services.scheduler.create(
      schedule({ timing: { kind: 'recurring', cron: '*/5 * * * *', timezone: 'UTC' }, graceMinutes: 5 }),
      'alice',
    );
    await first.services.close();
    // Away for a week (2,016 runs); back two minutes after the latest.
    await clock.advance(Date.parse('2026-06-08T12:02:00Z') - clock.now());
    const second = await openWorld(start, { store: first.store, dataDir: first.dataDir, clock });
    expect(audit(second, 'schedule.fired')[0]?.details).toMatch(/late by 120 s/);
    expect(second.services.scheduler.list().find((x) => x.id === s.id)?.lastFiredAt).toBe('2026-06-08T12:00:00.000Z');
    expect(second.services.engine.tasks()).toHaveLength(1);
    // The earlier runs are summarised, not one record each.
    expect(audit(second, 'schedule.missed').length).toBeLessThanOrEqual(101);
  });
});

// New-user review 17, 1 and 2: a recurring schedule to one host moved its VM at 18:50 and was refused
// at 18:52 (the VM already ran there); the Scheduled view still said "Completed 18:50", and the
// audit's words were only "prechecks block 1 of 1 VMs".
describe('a scheduled run the engine refuses', () => {
  const start = useServices();

  it('is the schedule’s last result, with the check that refused it, and a restart keeps it', async () => {
    const clock = at('2026-06-01T23:00:00Z');
    const world = await openWorld(start, { clock });
    const created = world.services.scheduler.create(
      schedule({ timing: { kind: 'recurring', cron: '*/2 * * * *', timezone: 'UTC' }, graceMinutes: 1 }),
      'alice',
    );
    await clock.advance(2 * 60_000);
    const [task] = world.services.engine.tasks();
    await untilFinished(world, task?.id ?? '');
    expect(world.services.scheduler.list().find((s) => s.id === created.id)?.lastRefusal ?? null).toBeNull();
    await clock.advanceUntil(() => world.services.scheduler.list().some((s) => s.lastRefusal !== null), 10 * 60_000, 1_000);
    const refused = world.services.scheduler.list().find((s) => s.id === created.id);
    expect(refused?.lastRefusal).toEqual({
      at: refused?.lastFiredAt,
      code: 'PRECHECK_FAILED',
      message: 'prechecks block 1 of 1 VMs: DC0_C0_H0_VM0 already runs on DC0_C0_H1.',
    });
    const fired = dbOf(world.services)
      .prepare("SELECT error_message FROM audit WHERE action = 'schedule.fired' ORDER BY id DESC LIMIT 1")
      .get() as { error_message: string };
    expect(fired.error_message).toBe(refused?.lastRefusal?.message);
    await world.services.close();
    const reopened = await openWorld(start, { store: world.store, dataDir: world.dataDir, clock });
    expect(reopened.services.scheduler.list().find((s) => s.id === created.id)?.lastRefusal?.code).toBe('PRECHECK_FAILED');
  }, 60_000);
});
