import type { Phase, Task, TimelinePoint } from '../../../shared/model/migration';
import type { Clock, TimerHandle } from '../../base/clock/clock';
import { Emitter } from '../../base/emitter';
import type { JournalEntry, TaskRepository } from '../../store/tasks';

/** Progress events per task are coalesced to this period: at most 10 per second. */
const publishPeriodMs = 100;
/** Progress is written to SQLite this often while a task runs; phase and state changes at once. */
const persistPeriodMs = 2000;

/**
 * The tasks Ferry is working on, in memory for speed and in SQLite for truth. Changes reach the
 * renderer as one batched event per period; every phase is journaled before it takes effect.
 */
export class TaskBoard {
  private readonly live = new Map<string, Task>();
  private readonly dirty = new Set<string>();
  private readonly lastPersisted = new Map<string, number>();
  private flushTimer: TimerHandle | null = null;
  /** Tasks that changed, batched per period (the renderer's tasks.changed). */
  readonly changed = new Emitter<Task[]>();

  constructor(
    private readonly repo: TaskRepository,
    private readonly clock: Clock,
  ) {
    for (const task of repo.active()) this.live.set(task.id, task);
  }

  add(tasks: readonly Task[]): void {
    this.repo.insertAll(tasks);
    for (const task of tasks) {
      this.live.set(task.id, task);
      this.markChanged(task.id);
    }
  }

  get(id: string): Task | undefined {
    return this.live.get(id) ?? this.repo.get(id);
  }

  active(): Task[] {
    return [...this.live.values()];
  }

  /** Every task of a batch, the running ones as they are now. */
  inBatch(batchId: string): Task[] {
    return this.repo.inBatch(batchId).map((t) => this.live.get(t.id) ?? t);
  }

  activeForVm(vmId: string): Task | undefined {
    return [...this.live.values()].find((t) => t.vmId === vmId);
  }

  /** Applies a change; `persist` writes it now (state and structure), otherwise within a few seconds. */
  update(id: string, patch: Partial<Task>, persist: 'now' | 'soon' = 'now'): Task {
    const current = this.live.get(id);
    if (!current) throw new Error(`task ${id} is not active`);
    const next = { ...current, ...patch };
    if (next.state !== 'queued' && next.state !== 'running') this.live.delete(id);
    else this.live.set(id, next);
    const now = this.clock.now();
    if (persist === 'now' || now - (this.lastPersisted.get(id) ?? 0) >= persistPeriodMs || !this.live.has(id)) {
      this.repo.save(next);
      this.lastPersisted.set(id, now);
    }
    if (!this.live.has(id)) this.lastPersisted.delete(id);
    this.markChanged(id, next);
    return next;
  }

  /**
   * A finished cold move's guest, shut down by Ferry for it, was powered on at its destination (after
   * the move, so the task is no longer active): written at once, and shown.
   */
  guestPoweredOn(id: string, atIso: string): Task {
    const task = this.get(id);
    if (!task?.shutDownForMove) throw new Error(`task ${id} did not shut its guest down`);
    const next = { ...task, shutDownForMove: { ...task.shutDownForMove, poweredOnAt: atIso } };
    if (this.live.has(id)) this.live.set(id, next);
    this.repo.save(next);
    this.markChanged(id, next);
    return next;
  }

  /** Journals what happened within the current phase (a decision, a survived failure), in its journal. */
  note(id: string, text: string): void {
    const task = this.get(id);
    if (task) this.repo.journal(id, task.phase, new Date(this.clock.now()).toISOString(), text);
  }

  /** Journals the phase in SQLite first, then shows it. */
  enterPhase(id: string, phase: Phase, note: string | null = null): Task {
    this.repo.journal(id, phase, new Date(this.clock.now()).toISOString(), note);
    return this.update(id, { phase });
  }

  timeline(id: string, point: TimelinePoint): void {
    this.repo.appendTimeline(id, point);
  }

  /** The newest tasks first (active ones as they are now), plus every active one. */
  recent(limit: number): Task[] {
    return this.repo.recent(limit).map((t) => this.live.get(t.id) ?? t);
  }

  forVm(vmId: string): Task[] {
    return this.repo.forVm(vmId);
  }

  journalOf(id: string): JournalEntry[] {
    return this.repo.journalOf(id);
  }

  timelineOf(id: string): TimelinePoint[] {
    return this.repo.timeline(id);
  }

  /** Writes every running task's latest progress, e.g. before the console stops. */
  persistAll(): void {
    for (const task of this.live.values()) this.repo.save(task);
  }

  stop(): void {
    if (this.flushTimer) this.clock.clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.flush();
  }

  private readonly finishedCache = new Map<string, Task>();

  private markChanged(id: string, task?: Task): void {
    this.dirty.add(id);
    if (task && !this.live.has(id)) this.finishedCache.set(id, task);
    this.flushTimer ??= this.clock.setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, publishPeriodMs);
  }

  private flush(): void {
    if (this.dirty.size === 0) return;
    const tasks = [...this.dirty].map((id) => this.live.get(id) ?? this.finishedCache.get(id)).filter((t): t is Task => t !== undefined);
    this.dirty.clear();
    this.finishedCache.clear();
    this.changed.emit(tasks);
  }
}
