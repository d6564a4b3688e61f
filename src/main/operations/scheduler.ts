import { randomUUID } from 'node:crypto';
import { FerryError } from '../../shared/api/errors';
import { counted } from '../../shared/model/plural';
import { onceSkewMs, type Schedule, type ScheduleInput } from '../../shared/model/schedule';
import type { AuditLog } from '../store/audit/audit-log';
import type { Clock, TimerHandle } from '../base/clock/clock';
import { Emitter } from '../base/emitter';
import type { MigrationEngine } from '../engine/engine';
import type { EngineView } from '../engine/planning/view';
import type { ScheduleRepository, StoredSchedule } from '../store/schedules';
import { refusalOf } from './schedule-refusal';
import { InvalidScheduleError, latestRunsBetween, runsAfter, validateTiming } from './schedule-times';

/** Longest sleep between checks, so clock changes (suspend, NTP) are noticed. */
const maxSleepMs = 60_000;
const previewCount = 5;
/** A run this late is on time whatever its grace: timers fire a little late on a busy machine. */
const onTimeMs = 60_000;
/** Earlier missed runs recorded one by one after downtime; older ones get one summary record. */
const missedListed = 20;

/**
 * Scheduled migrations: fires each schedule through the engine's one request path, on behalf of
 * the user who created it, with its window. Only the latest due run may fire: late (while Ferry
 * was not running, or the computer slept) it fires if within the schedule's grace period, otherwise
 * it is recorded as missed; earlier due runs are always missed.
 */
export class Scheduler {
  private timer: TimerHandle | null = null;
  private stopped = true;
  /**
   * A cache of each schedule's first unhandled run (Infinity: none, or paused), derived from the
   * stored timing and last run and refreshed when either changes: a check then looks at what is due,
   * not at every schedule (a thousand schedules made each change and each minute's check recompute all).
   */
  private readonly nextDue = new Map<string, number>();
  /** A schedule was created, changed, fired or removed. */
  readonly changed = new Emitter<void>();

  constructor(
    private readonly repo: ScheduleRepository,
    private readonly engine: MigrationEngine,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly view: Pick<EngineView, 'vm'>,
  ) {}

  start(): void {
    this.stopped = false;
    this.nextDue.clear();
    for (const s of this.repo.all()) this.nextDue.set(s.id, this.firstUnhandledRun(s));
    // Runs due while Ferry was away are handled now, as any late run.
    this.handleDueRuns();
    this.changed.emit();
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  list(): Schedule[] {
    return this.repo.all().map((s) => this.withNextRuns(s));
  }

  preview(timing: ScheduleInput['timing']): string[] {
    try {
      return runsAfter(timing, this.clock.now(), previewCount).map((t) => new Date(t).toISOString());
    } catch (error) {
      throw this.invalid(error);
    }
  }

  create(input: ScheduleInput, actor: string): Schedule {
    this.validate(input);
    const stored: StoredSchedule = {
      ...input,
      id: randomUUID(),
      paused: false,
      createdBy: actor,
      createdAt: new Date(this.clock.now()).toISOString(),
      lastFiredAt: null,
      lastMissedAt: null,
      lastRefusal: null,
    };
    this.repo.insert(stored);
    this.record(actor, 'schedule.created', stored, null);
    return this.afterChange(stored.id);
  }

  update(id: string, input: ScheduleInput, actor: string): Schedule {
    const existing = this.get(id);
    this.validate(input);
    this.repo.update(id, input);
    this.record(actor, 'schedule.updated', { ...existing, ...input }, null);
    return this.afterChange(id);
  }

  setPaused(id: string, paused: boolean, actor: string): Schedule {
    const existing = this.get(id);
    this.repo.setPaused(id, paused);
    this.record(actor, 'schedule.updated', existing, paused ? 'paused' : 'resumed');
    return this.afterChange(id);
  }

  remove(id: string, actor: string): void {
    const existing = this.get(id);
    this.repo.remove(id);
    this.nextDue.delete(id);
    this.record(actor, 'schedule.deleted', existing, null);
    this.changed.emit();
    this.arm();
  }

  private afterChange(id: string): Schedule {
    const s = this.get(id);
    this.nextDue.set(id, this.firstUnhandledRun(s));
    this.changed.emit();
    this.arm();
    return this.withNextRuns(s);
  }

  private get(id: string): StoredSchedule {
    const s = this.repo.get(id);
    if (!s) throw new FerryError('NOT_FOUND', `no schedule ${id}`);
    return s;
  }

  private validate(input: ScheduleInput): void {
    try {
      validateTiming(input.timing);
    } catch (error) {
      throw this.invalid(error);
    }
    // Stored, a past one-off would be listed as planned and never run: refused, for any client.
    const now = this.clock.now();
    if (input.timing.kind === 'once' && Date.parse(input.timing.at) < now - onceSkewMs)
      throw new FerryError('SCHEDULE_TIME_PASSED', `the one-off time ${input.timing.at} has passed`, {
        at: input.timing.at,
        now: new Date(now).toISOString(),
      });
  }

  private invalid(error: unknown): FerryError {
    return error instanceof InvalidScheduleError ? new FerryError('VALIDATION_FAILED', error.message) : (error as FerryError);
  }

  private withNextRuns(s: StoredSchedule): Schedule {
    const from = Math.max(this.clock.now(), s.lastFiredAt ? Date.parse(s.lastFiredAt) : 0);
    return { ...s, nextRuns: s.paused ? [] : runsAfter(s.timing, from, previewCount).map((t) => new Date(t).toISOString()) };
  }

  private since(s: StoredSchedule): number {
    if (s.lastFiredAt) return Date.parse(s.lastFiredAt);
    const created = Date.parse(s.createdAt);
    // A one-off taken within the clock-skew allowance (just before it was created) still runs, at once.
    return s.timing.kind === 'once' ? Math.min(created, Date.parse(s.timing.at) - 1) : created;
  }

  private firstUnhandledRun(s: StoredSchedule): number {
    return s.paused ? Infinity : (runsAfter(s.timing, this.since(s), 1)[0] ?? Infinity);
  }

  /** Handles the schedules whose first unhandled run is due; true when there were any. */
  private handleDueRuns(): boolean {
    const now = this.clock.now();
    const due = [...this.nextDue].filter(([, at]) => at <= now).map(([id]) => id);
    for (const id of due) {
      const s = this.repo.get(id);
      if (!s) {
        this.nextDue.delete(id);
        continue;
      }
      this.handleDue(s, now);
      this.nextDue.set(id, this.firstUnhandledRun(this.get(id)));
    }
    return due.length > 0;
  }

  private arm(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    let next = Infinity;
    for (const at of this.nextDue.values()) next = Math.min(next, at);
    this.timer = this.clock.setTimeout(() => this.onTimer(), Math.max(0, Math.min(maxSleepMs, next - this.clock.now())));
  }

  private onTimer(): void {
    this.timer = null;
    if (this.stopped) return;
    if (this.handleDueRuns()) this.changed.emit();
    this.arm();
  }

  /**
   * The one rule for due runs, on time or late (Ferry down, computer asleep): the latest fires if
   * within the grace period, else it is missed; the earlier ones are missed.
   */
  private handleDue(s: StoredSchedule, now: number): void {
    const { runs, more } = latestRunsBetween(s.timing, this.since(s), now, missedListed + 1);
    const latest = runs.at(-1);
    if (latest === undefined) return;
    const earlier = runs.slice(0, -1);
    const away = 'while Ferry was not running or the computer was asleep';
    if (more && earlier[0] !== undefined)
      this.record(
        'scheduler',
        'schedule.missed',
        s,
        `runs due after ${this.isoSince(s)} and before ${iso(earlier[0])} were missed ${away}`,
      );
    for (const missed of earlier) this.record('scheduler', 'schedule.missed', s, `run due at ${iso(missed)} was missed ${away}`);
    const lastEarlier = earlier.at(-1);
    if (lastEarlier !== undefined) this.repo.setMissed(s.id, iso(lastEarlier));
    const lateMs = now - latest;
    if (lateMs <= Math.max(onTimeMs, s.graceMinutes * 60_000)) {
      this.fire(s, latest, lateMs > onTimeMs ? `late by ${Math.round(lateMs / 1000)} s` : null);
      return;
    }
    this.record(
      'scheduler',
      'schedule.missed',
      s,
      `run due at ${iso(latest)} was missed: ${Math.round(lateMs / 60_000)} minutes late, later than the ${s.graceMinutes}-minute grace period`,
    );
    this.repo.setMissed(s.id, iso(latest));
  }

  private isoSince(s: StoredSchedule): string {
    return iso(this.since(s));
  }

  private fire(s: StoredSchedule, dueMs: number, note: string | null): void {
    this.repo.setLastFired(s.id, new Date(dueMs).toISOString());
    const windowEndsAt = s.windowMinutes ? new Date(dueMs + s.windowMinutes * 60_000).toISOString() : null;
    try {
      const tasks = this.engine.request(s.request, {
        requestedBy: `scheduler (on behalf of ${s.createdBy})`,
        scheduleId: s.id,
        windowEndsAt,
      });
      this.record(
        `scheduler (on behalf of ${s.createdBy})`,
        'schedule.fired',
        s,
        [note, `tasks ${tasks.map((t) => t.id).join(', ')}`].filter(Boolean).join('; '),
        'queued',
      );
    } catch (error) {
      const refusal = refusalOf(error, new Date(dueMs).toISOString());
      this.repo.setRefused(s.id, refusal);
      this.record(`scheduler (on behalf of ${s.createdBy})`, 'schedule.fired', s, note, 'failed', refusal.code, refusal.message);
    }
  }

  private record(
    actor: string,
    action: 'schedule.created' | 'schedule.updated' | 'schedule.deleted' | 'schedule.fired' | 'schedule.missed',
    s: StoredSchedule,
    details: string | null,
    outcome: string | null = null,
    errorCode: string | null = null,
    errorMessage: string | null = null,
  ): void {
    this.audit.append({
      actor,
      action,
      details: [`schedule "${s.name}" (${s.id})`, details].filter(Boolean).join(': '),
      outcome,
      errorCode,
      errorMessage,
      priority: s.request.priority,
      vmId: s.request.vmIds.join(' '),
      vmName: this.vmWords(s.request.vmIds),
    });
  }

  /** The audit's VM column for a schedule: its one VM's name (its id once the VM is gone), else how many it moves. */
  private vmWords(vmIds: readonly string[]): string {
    const [only] = vmIds;
    return vmIds.length === 1 && only !== undefined ? (this.view.vm(only)?.name ?? only) : counted(vmIds.length, 'VM');
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();
