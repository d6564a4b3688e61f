import { randomUUID } from 'node:crypto';
import { FerryError } from '../../shared/api/errors';
import type { Schedule, ScheduleInput } from '../../shared/model/schedule';
import type { AuditLog } from '../store/audit/audit-log';
import type { Clock, TimerHandle } from '../base/clock/clock';
import { Emitter } from '../base/emitter';
import type { MigrationEngine } from '../engine/engine';
import type { ScheduleRepository, StoredSchedule } from '../store/schedules';
import { InvalidScheduleError, runsAfter, runsBetween, validateTiming } from './schedule-times';

/** Longest sleep between checks, so clock changes (suspend, NTP) are noticed. */
const maxSleepMs = 60_000;
const previewCount = 5;

/**
 * Scheduled migrations: fires each schedule through the engine's one request path, on behalf of
 * the user who created it, with its window. Runs missed while Ferry was not running fire late if
 * within the grace period, otherwise they are recorded as missed.
 */
export class Scheduler {
  private timer: TimerHandle | null = null;
  private stopped = true;
  /** A schedule was created, changed, fired or removed. */
  readonly changed = new Emitter<void>();

  constructor(
    private readonly repo: ScheduleRepository,
    private readonly engine: MigrationEngine,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  start(): void {
    this.stopped = false;
    this.catchUp();
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
    this.record(actor, 'schedule.deleted', existing, null);
    this.changed.emit();
    this.arm();
  }

  private afterChange(id: string): Schedule {
    this.changed.emit();
    this.arm();
    return this.withNextRuns(this.get(id));
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
  }

  private invalid(error: unknown): FerryError {
    return error instanceof InvalidScheduleError ? new FerryError('VALIDATION_FAILED', error.message) : (error as FerryError);
  }

  private withNextRuns(s: StoredSchedule): Schedule {
    const from = Math.max(this.clock.now(), s.lastFiredAt ? Date.parse(s.lastFiredAt) : 0);
    return { ...s, nextRuns: s.paused ? [] : runsAfter(s.timing, from, previewCount).map((t) => new Date(t).toISOString()) };
  }

  private since(s: StoredSchedule): number {
    return Date.parse(s.lastFiredAt ?? s.createdAt);
  }

  /** Runs due while Ferry was away: the latest fires if late by less than the grace period; the rest are missed. */
  private catchUp(): void {
    const now = this.clock.now();
    for (const s of this.repo.all()) {
      if (s.paused) continue;
      const due = runsBetween(s.timing, this.since(s), now);
      if (due.length === 0) continue;
      const latest = due[due.length - 1] as number;
      for (const missed of due.slice(0, -1).slice(-100))
        this.record(
          'scheduler',
          'schedule.missed',
          s,
          `run due at ${new Date(missed).toISOString()} was missed while Ferry was not running`,
        );
      if (now - latest <= s.graceMinutes * 60_000) this.fire(s, latest, `late by ${Math.round((now - latest) / 1000)} s`);
      else {
        this.record(
          'scheduler',
          'schedule.missed',
          s,
          `run due at ${new Date(latest).toISOString()} was missed: later than the ${s.graceMinutes}-minute grace period`,
        );
        this.repo.setLastFired(s.id, new Date(latest).toISOString());
      }
    }
    this.changed.emit();
  }

  private arm(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    const now = this.clock.now();
    let next = Infinity;
    for (const s of this.repo.all())
      if (!s.paused) next = Math.min(next, runsAfter(s.timing, Math.max(now - 1, this.since(s)), 1)[0] ?? Infinity);
    this.timer = this.clock.setTimeout(() => this.onTimer(), Math.max(0, Math.min(maxSleepMs, next - now)));
  }

  private onTimer(): void {
    this.timer = null;
    if (this.stopped) return;
    const now = this.clock.now();
    for (const s of this.repo.all()) {
      if (s.paused) continue;
      const due = runsBetween(s.timing, this.since(s), now);
      const latest = due[due.length - 1];
      if (latest !== undefined) this.fire(s, latest, null);
    }
    this.changed.emit();
    this.arm();
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
      const code = error instanceof FerryError ? error.code : 'INTERNAL';
      this.record(
        `scheduler (on behalf of ${s.createdBy})`,
        'schedule.fired',
        s,
        note,
        'failed',
        code,
        error instanceof Error ? error.message : String(error),
      );
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
    });
  }
}
