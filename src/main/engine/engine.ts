import { randomUUID } from 'node:crypto';
import { FerryError } from '../../shared/api/errors';
import { cancelRefusal, isBeforeSwitchover } from '../../shared/model/cancel-rule';
import type { Vm } from '../../shared/model/inventory';
import type { Prediction, Task, TaskError, TimelinePoint, WaitReason } from '../../shared/model/migration';
import type { HostRating } from '../../shared/model/precheck';
import type { MigrationRequest } from '../../shared/model/schedule';
import { every, type Clock } from '../base/clock/clock';
import type { AuditLog } from '../store/audit/audit-log';
import { Emitter } from '../base/emitter';
import type { Logger } from '../base/logger';
import type { Transaction } from '../store/database';
import type { JournalEntry } from '../store/tasks';
import type { Fleet } from './fleet/fleet';
import { migrationCosts } from './planning/costs';
import { optionChecks } from './planning/option-checks';
import { precheck } from './planning/prechecks';
import { withCpuVerdicts } from './planning/cpu-judge';
import { FreshDirtyRates } from './planning/fresh-dirty-rates';
import type { LinkSpeeds } from './planning/link-speeds';
import { movedAs } from '../../shared/model/moved-as';
import { predictionFor, type PredictedRequest } from './planning/prediction-for';
import { admit } from './planning/queue';
import { rankHosts } from './planning/recommend';
import { validatedVms, type CheckedRequest, type VmChecks } from './planning/request-checks';
import { MigrationRun, type RunHooks } from './run/migration-run';
import type { TaskBoard } from './run/task-board';
import { cancelRequestedEntry, taskAuditEntry } from './run/task-audit';
import { newTask, type TaskOrigin } from './run/task-factory';
import { inboundByHost, type EngineView } from './planning/view';

export interface EngineOptions {
  clock: Clock;
  view: EngineView;
  fleet: Fleet;
  board: TaskBoard;
  audit: AuditLog;
  /** Runs a state change and its audit record in one SQLite transaction: neither exists without the other. */
  atomically: Transaction;
  logger: Logger;
  pollMs?: number;
  /** What completed migrations taught about each link; absent, predictions use the hosts' configured or assumed speeds. */
  links?: LinkSpeeds;
}

export interface TaskDetail {
  task: Task;
  journal: JournalEntry[];
  timeline: TimelinePoint[];
}

export type { VmChecks } from './planning/request-checks';

/**
 * The migration engine: checks and ranks destinations, turns requests into queued tasks, starts
 * what the cost caps allow, runs each migration through its phases, and recovers after a restart.
 * Every caller (wizard, drag and drop, scheduler, maintenance, balancer) comes through `request`.
 */
export class MigrationEngine {
  private readonly runs = new Map<string, MigrationRun>();
  private stopTicking: (() => void) | null = null;
  private halted = false;
  /** A migration ended, whatever its outcome (also one that never started). */
  readonly finished = new Emitter<Task>();

  /** Dirty rates measured for the wizard's predictions, kept a minute. */
  private readonly dirtyRates: FreshDirtyRates;

  constructor(private readonly o: EngineOptions) {
    this.dirtyRates = new FreshDirtyRates(o.view, o.logger, this.finished);
  }

  /** Starts the queue (and the scheduled-window watch); call after `recover`. */
  start(): void {
    this.stopTicking = every(
      this.o.clock,
      1000,
      () => this.tick(),
      (error) => this.o.logger.error('engine tick failed', error),
    );
    this.pump();
  }

  /** Stops driving migrations (Ferry is closing): hosts keep going; the next start reconciles. */
  halt(): void {
    this.halted = true;
    this.stopTicking?.();
    for (const run of this.runs.values()) run.halt();
    this.o.board.persistAll();
  }

  tasks(): Task[] {
    return this.o.board.active();
  }

  taskById(id: string): Task | undefined {
    return this.o.board.get(id);
  }

  /** The newest tasks, as the Tasks view lists them. */
  recentTasks(limit: number): Task[] {
    return this.o.board.recent(limit);
  }

  taskDetail(taskId: string): TaskDetail {
    const task = this.o.board.get(taskId);
    if (!task) throw new FerryError('NOT_FOUND', `no task ${taskId}`);
    return { task, journal: this.o.board.journalOf(taskId), timeline: this.o.board.timelineOf(taskId) };
  }

  /** The tasks one request or operation asked for (a batch), finished ones included. */
  batch(batchId: string): Task[] {
    return this.o.board.inBatch(batchId);
  }

  vmHistory(vmId: string): Task[] {
    return this.o.board.forVm(vmId);
  }

  /** Each VM's prechecks against its destination, and, given the move's options, what they do to it. */
  checks(request: CheckedRequest): VmChecks[] {
    const inbound = inboundByHost(this.o.board.active(), this.o.view);
    return request.vmIds.map((vmId) => {
      const vm = this.vmOf(vmId);
      const dest = this.o.view.host(request.type === 'storage' ? vm.hostId : (request.destHostId ?? ''));
      if (!dest) throw new FerryError('NOT_FOUND', `no host ${request.destHostId}`);
      const moved = movedAs(vm.disks, { type: request.type, destDatastoreId: request.destDatastoreId });
      const vmAlreadyMigrating = this.o.board.activeForVm(vmId) !== undefined;
      const results = precheck(this.o.view, { vm, dest, ...moved, inbound: inbound.get(dest.id), vmAlreadyMigrating });
      if (!request.options || moved.type === 'storage' || vm.power === 'off') return { vmId, results };
      const prediction = this.predictionFor(this.dirtyRates.known(vm, Date.now()), { ...request, options: request.options });
      const linkWarned = results.some((r) => r.code === 'WILL_NOT_CONVERGE');
      return { vmId, results: [...results, ...optionChecks(vm, request.options, prediction, linkWarned)] };
    });
  }

  /** The wizard's checks, with the destination hypervisor's word on each guest's CPU (cpu-judge.ts). */
  checksJudged(request: Parameters<MigrationEngine['checks']>[0]): Promise<VmChecks[]> {
    return withCpuVerdicts(this.o.view, request, this.checks(request));
  }

  recommend(vmId: string, type: MigrationRequest['type'] = 'compute'): HostRating[] {
    const vm = this.vmOf(vmId);
    const inbound = inboundByHost(this.o.board.active(), this.o.view);
    // For disk moves, rate each host with its roomiest shared datastore (or its local one).
    const storeFor =
      type === 'compute'
        ? undefined
        : (h: { datastoreIds: string[] }) =>
            h.datastoreIds
              .map((id) => this.o.view.datastore(id))
              .filter((d) => d !== undefined)
              .sort((a, b) => b.freeBytes - a.freeBytes)[0]?.id ?? null;
    return rankHosts(this.o.view, vm, type, inbound, this.o.board.activeForVm(vmId) !== undefined, storeFor);
  }

  /** The wizard's prediction: dirty rates measured again first where the backend can (a few seconds). */
  async predict(
    request: Pick<MigrationRequest, 'vmIds' | 'destHostId' | 'type' | 'destDatastoreId' | 'options'>,
  ): Promise<{ vmId: string; prediction: Prediction }[]> {
    return (await this.predictWithGuests(request)).map(({ vm, prediction }) => ({ vmId: vm.id, prediction }));
  }

  /** Each guest as predicted, for a batch's schedule: measured again (the wizard's), or as last known (a batch starting). */
  async predictWithGuests(
    request: PredictedRequest & Pick<MigrationRequest, 'vmIds'>,
    measure = true,
  ): Promise<{ vm: Vm; prediction: Prediction }[]> {
    const guests = request.vmIds.map((id) => this.vmOf(id));
    const vms = measure ? await this.dirtyRates.of(guests, Date.now()) : guests.map((vm) => this.dirtyRates.known(vm, Date.now()));
    return vms.map((vm) => ({ vm, prediction: this.predictionFor(vm, request) }));
  }

  /** A guest as the last measurement of its dirty rate knows it (no new measurement). */
  knownGuest(vmId: string): Vm {
    return this.dirtyRates.known(this.vmOf(vmId), Date.now());
  }

  /** Validates a request and queues one task per VM, all or nothing; returns at once. */
  request(request: MigrationRequest, origin: TaskOrigin): Task[] {
    return this.requestBatch([request], origin);
  }

  /**
   * A batch sent as one request per destination (the wizard's, where a VM may have its own
   * destination): validated together and queued all or nothing under one batch id, so every VM of
   * the batch names it in the audit, the one sent elsewhere included (new-user review, m2). Each
   * task keeps its VM's prediction from `predicted` (the batch's, as its moves share links), else its own.
   */
  requestBatch(requests: readonly MigrationRequest[], origin: TaskOrigin, predicted?: ReadonlyMap<string, Prediction>): Task[] {
    const vmIds = requests.flatMap((r) => r.vmIds);
    if (new Set(vmIds).size !== vmIds.length) throw new FerryError('VALIDATION_FAILED', 'a VM appears twice in the batch');
    const facts = {
      vmOf: (id: string) => this.vmOf(id),
      isMigrating: (id: string) => this.o.board.activeForVm(id) !== undefined,
      checks: (r: MigrationRequest) => this.checks(r),
    };
    const vmsOf = requests.map((r) => validatedVms(r, facts));
    const now = new Date(this.o.clock.now()).toISOString();
    const batchId = origin.batchId ?? (vmIds.length > 1 ? randomUUID() : null);
    // Within a batch, mission-critical VMs queue first, whichever destination they go to (a stable sort).
    const tasks = requests
      .flatMap((request, i) => (vmsOf[i] as Vm[]).map((vm) => ({ request, vm })))
      .sort((a, b) => Number(b.vm.missionCritical) - Number(a.vm.missionCritical))
      .map(({ request, vm }) => {
        const prediction = predicted?.get(vm.id) ?? this.predictionFor(this.dirtyRates.known(vm, Date.now()), request);
        return newTask(request, vm, prediction, { ...origin, batchId }, now);
      });
    this.o.atomically(() => {
      this.o.board.add(tasks);
      for (const task of tasks)
        this.audit(task, 'migration.requested', { details: task.scheduleId ? `schedule ${task.scheduleId}` : (origin.note ?? null) });
    });
    this.pump();
    return tasks;
  }

  /** The guest Ferry shut down for this cold move runs again at its destination: its downtime ends (issue #14). */
  guestPoweredOn(taskId: string, atIso: string): Task {
    return this.o.board.guestPoweredOn(taskId, atIso);
  }

  /** Before switchover a cancel rolls back; after it, it is refused with the reason. */
  cancel(taskId: string, actor: string): Task {
    const task = this.o.board.get(taskId);
    if (!task) throw new FerryError('NOT_FOUND', `no task ${taskId}`);
    const refusal = cancelRefusal(task);
    if (refusal) throw new FerryError('CANCEL_REFUSED', refusal);
    const requested = cancelRequestedEntry(this.o.view, task, actor);
    if (task.state === 'queued') {
      this.o.audit.append(requested);
      const finished = this.abortQueued(task, { code: 'CANCELLED', message: 'cancelled before it started' });
      this.pump();
      return finished;
    }
    return this.o.atomically(() => {
      this.o.audit.append(requested);
      return this.o.board.update(task.id, { cancelRequested: true });
    });
  }

  /**
   * A host leaves Ferry (the admin removes it): the migrations queued to or from it end, aborted
   * (nothing had started), so none keeps its VM's lock; refused while one involving it runs.
   */
  releaseHost(hostId: string, actor: string): void {
    const involved = this.o.board.active().filter((t) => t.sourceHostId === hostId || t.destHostId === hostId);
    const running = involved.filter((t) => t.state === 'running');
    if (running.length > 0)
      throw new FerryError(
        'CONFLICT',
        `${running.map((t) => t.vmName).join(', ')} ${running.length > 1 ? 'are' : 'is'} migrating to or from this host: wait for it, or cancel it first`,
      );
    for (const task of involved) {
      this.o.audit.append(cancelRequestedEntry(this.o.view, task, actor, 'its host was removed from Ferry'));
      this.abortQueued(task, {
        code: 'CANCELLED',
        message: `${this.o.view.host(hostId)?.name ?? hostId} was removed from Ferry before the migration started`,
      });
    }
    this.pump();
  }

  /** Re-attaches to migrations that were under way when Ferry stopped, phase by phase. */
  async recover(): Promise<void> {
    for (const task of this.o.board.active()) {
      if (task.state !== 'running') continue;
      const run = this.newRun(task);
      this.runs.set(task.id, run);
      void run.recover().finally(() => this.runs.delete(task.id));
    }
  }

  /** Waits for every run in flight (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.runs.values()].map((r) => r.done));
  }

  private pump(): void {
    if (this.halted) return;
    const active = this.o.board.active();
    const queued = active.filter((t) => t.state === 'queued');
    if (queued.length === 0) return;
    const running = active.filter((t) => t.state === 'running');
    // A migration whose hosts do not answer waits for them rather than take a place in the queue.
    const unreachable = new Map(queued.flatMap((t) => this.unreachableHostOf(t)));
    for (const [id, reason] of unreachable) {
      if (JSON.stringify(this.o.board.get(id)?.waitingFor) !== JSON.stringify(reason))
        this.o.board.update(id, { waitingFor: reason }, 'soon');
    }
    const { start, waiting } = admit(
      queued.filter((t) => !unreachable.has(t.id)),
      running,
      (t) => migrationCosts(t, this.o.view),
    );
    for (const [id, reason] of waiting) {
      const current = this.o.board.get(id);
      if (JSON.stringify(current?.waitingFor) !== JSON.stringify(reason)) this.o.board.update(id, { waitingFor: reason }, 'soon');
    }
    for (const task of start) {
      const begun = this.o.atomically(() => {
        const started = this.o.board.update(task.id, {
          state: 'running',
          waitingFor: null,
          startedAt: new Date(this.o.clock.now()).toISOString(),
        });
        this.audit(started, 'migration.started', {});
        return started;
      });
      const run = this.newRun(begun);
      this.runs.set(task.id, run);
      void run.start().finally(() => this.runs.delete(task.id));
    }
  }

  /** Closes scheduled windows and re-evaluates the queue as resources free up. */
  private tick(): void {
    if (this.halted) return;
    const now = this.o.clock.now();
    for (const task of this.o.board.active()) {
      if (!task.windowEndsAt || Date.parse(task.windowEndsAt) > now) continue;
      if (task.state === 'queued') {
        this.abortQueued(task, { code: 'WINDOW_CLOSED', message: 'the scheduled window closed before the migration could start' });
      } else if (isBeforeSwitchover(task.phase) && !task.cancelRequested) {
        this.o.board.update(task.id, { cancelRequested: true });
      }
    }
    this.pump();
  }

  /** A migration that never started ends aborted: nothing changed on any host. */
  private abortQueued(task: Task, error: TaskError): Task {
    const finished = this.o.atomically(() => {
      this.o.board.enterPhase(task.id, 'done', 'aborted before it started');
      const aborted = this.o.board.update(task.id, {
        state: 'aborted',
        cancelRequested: error.code === 'CANCELLED',
        waitingFor: null,
        finishedAt: new Date(this.o.clock.now()).toISOString(),
        error,
      });
      this.audit(aborted, 'migration.finished', {});
      return aborted;
    });
    this.finished.emit(finished);
    return finished;
  }

  /** A queued migration whose host has no backend, or does not answer, waits for it. */
  private unreachableHostOf(task: Task): [string, WaitReason][] {
    for (const hostId of [task.sourceHostId, task.destHostId]) {
      const host = this.o.view.host(hostId);
      if (host && this.o.view.driver(host.driverId) && host.connection === 'connected') continue;
      return [[task.id, { kind: 'unreachable', resourceId: hostId, resourceName: host?.name ?? hostId, used: 0, cap: 0, cost: 0 }]];
    }
    return [];
  }

  private newRun(task: Task): MigrationRun {
    const hooks: RunHooks = {
      audit: (recorded, action, note) => this.audit(recorded, action, { details: note }),
      ended: (finished) => {
        this.o.links?.learnFinished(finished, this.o.board, this.o.logger);
        this.finished.emit(finished);
        this.pump();
      },
    };
    return new MigrationRun(task, {
      ...this.o,
      pollMs: this.o.pollMs ?? 500,
      hooks,
      inbound: () => inboundByHost(this.o.board.active(), this.o.view),
    });
  }

  private predictionFor(vm: Vm, request: PredictedRequest): Prediction {
    return predictionFor(
      { view: this.o.view, active: () => this.o.board.active(), ...(this.o.links ? { links: this.o.links } : {}) },
      vm,
      request,
    );
  }

  private audit(
    task: Task,
    action: 'migration.requested' | 'migration.started' | 'migration.finished' | 'migration.recovered',
    extra: { details?: string | null },
  ): void {
    this.o.audit.append(taskAuditEntry(this.o.view, task, action, extra.details ?? null));
  }

  private vmOf(vmId: string): Vm {
    const vm = this.o.view.vm(vmId);
    if (!vm) throw new FerryError('NOT_FOUND', `no VM ${vmId}`);
    return vm;
  }
}
