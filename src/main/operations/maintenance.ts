import { randomUUID } from 'node:crypto';
import { FerryError } from '../../shared/api/errors';
import type { Host } from '../../shared/model/inventory';
import type { GuestShutDown } from '../../shared/model/migration';
import {
  noEvacuationOptions,
  type BlockedVm,
  type EvacuationOptions,
  type EvacuationPlan,
  type FailbackPlan,
  type MaintenanceProgress,
} from '../../shared/model/operations';
import type { Clock } from '../base/clock/clock';
import { Emitter } from '../base/emitter';
import type { AuditLog } from '../store/audit/audit-log';
import type { MigrationEngine } from '../engine/engine';
import { isCancellable } from '../../shared/model/cancel-rule';
import type { EngineView } from '../engine/planning/view';
import type { InventoryService } from '../engine/fleet/inventory-service';
import type { MaintenanceRepository } from '../store/maintenance';
import type { MaintenanceOperationRepository } from '../store/maintenance-operations';
import type { MaintenancePowerOffRepository } from '../store/maintenance-power-offs';
import { MaintenancePowerOff, type PowerOffRequest } from './maintenance-power-off';
import { evacuationColdRoute, failbackColdRoute } from './cold-move-routes';
import { requestEvacuationMove } from './maintenance-request';
import { cancelIncoming, evacuateArrivals, incomingProgress, incomingTasks, incomingWords, plannedIncoming } from './maintenance-arrivals';
import { agrees } from '../../shared/model/plural';
import { planEvacuation, samePlan } from './evacuation-planner';
import { failbackDeclinedWords, planFailback } from './failback-planner';
import { requestFailback } from './failback-request';
import { cancelUnswitched } from './maintenance-exit';
import { evacuationTasks, failbackCandidates, failbackScope, isActive, maintenanceProgress, offersFailback } from './maintenance-progress';

/** The trail names what the plan leaves on the host as the plan does (new-user review 11, 5). */
const stayingWords = (poweredOff: number): string =>
  poweredOff > 0 ? `; ${poweredOff} powered off ${agrees(poweredOff, 'stays', 'stay')} on the host` : '';

export interface MaintenanceDeps {
  view: EngineView;
  inventory: InventoryService;
  engine: MigrationEngine;
  audit: AuditLog;
  store: MaintenanceRepository;
  operations: MaintenanceOperationRepository;
  powerOffs: MaintenancePowerOffRepository;
  clock: Clock;
  /** Waits until the inventory shows what a backend reports now of that VM. */
  refresh: (driverId: string, vmId: string) => Promise<void>;
  /** How long a guest may take to shut down before "power off and move cold" gives up. */
  shutdownTimeoutMs?: number;
}

/**
 * Maintenance mode as an operation with an id: entering plans the evacuation and queues its moves
 * (mission-critical first) through the engine; the host is in maintenance once only powered-off VMs are on it
 * and no move is under way. Leaving while entering cancels the moves not switched over. Leaving
 * offers to move back what the evacuation moved (failback); the operation id links both in the
 * audit trail. Every change is in SQLite before it takes effect.
 */
export class MaintenanceService {
  /** A host's maintenance progress changed. */
  readonly changed = new Emitter<MaintenanceProgress>();
  private readonly stops: (() => void)[] = [];
  private readonly powerOff: MaintenancePowerOff;

  constructor(private readonly d: MaintenanceDeps) {
    this.powerOff = new MaintenancePowerOff({
      ...d,
      routes: {
        evacuation: evacuationColdRoute(d, (r, shut) => this.moveNow(r.hostId, r.vmId, 'power-off-and-move-cold', r.actor, shut)),
        failback: failbackColdRoute(d),
      },
      changed: (hostId) => this.check(hostId),
    });
  }

  /** Hosts entering maintenance are re-evaluated whenever a migration ends or VMs move; a cancel a crash interrupted is finished. */
  start(): void {
    for (const operation of this.d.operations.withCancelPending()) {
      cancelUnswitched(
        this.d.engine,
        this.d.operations.moves(operation.id).map((m) => m.taskId),
        operation.actor,
      );
      this.d.operations.cancelsSent(operation.id);
    }
    this.stops.push(
      this.d.engine.finished.on((task) => {
        this.checkAll();
        // A host that left maintenance: what it offers to move back changed.
        const open = new Set(this.d.operations.open().map((o) => o.hostId));
        for (const hostId of new Set([task.sourceHostId, task.destHostId]))
          if (open.has(hostId) && this.d.view.host(hostId)?.maintenance === 'off') this.emit(hostId);
      }),
      this.d.inventory.delta.on((delta) => {
        if (delta.vms.length > 0) this.checkAll();
      }),
    );
    this.powerOff.start();
    this.checkAll();
  }

  halt(): void {
    this.powerOff.halt();
    for (const stop of this.stops.splice(0)) stop();
  }

  plan(hostId: string, options: EvacuationOptions = noEvacuationOptions): EvacuationPlan {
    this.hostOf(hostId);
    const plan = planEvacuation(this.d.view, [hostId], options, this.d.engine.tasks())[0] as EvacuationPlan;
    return { ...plan, incoming: plannedIncoming(this.d.view, this.d.engine, hostId) };
  }

  /** `confirmed`: the VMs the plan the admin was shown moves; a plan that moves others now is refused, not run in its place. */
  enter(
    hostId: string,
    actor: string,
    options: EvacuationOptions = noEvacuationOptions,
    confirmed?: readonly string[],
  ): MaintenanceProgress {
    const host = this.hostOf(hostId);
    if (host.maintenance !== 'off') return this.progress(hostId);
    const plan = this.plan(hostId, options);
    if (confirmed && !samePlan(plan, confirmed))
      throw new FerryError(
        'CONFLICT',
        `The evacuation plan of ${host.name} changed since it was shown: review the new plan and confirm it`,
      );
    const operationId = randomUUID();
    this.d.operations.atomically(() => {
      this.d.operations.begin({ id: operationId, hostId, actor, startedAt: this.nowIso() });
      this.d.audit.append({
        actor,
        action: 'maintenance.requested',
        sourceHost: host.name,
        details: `maintenance operation ${operationId}: evacuation of ${plan.moves.length} VMs planned (makespan about ${Math.round(plan.makespanMs / 1000)} s, lower bound ${Math.round(plan.lowerBoundMs / 1000)} s); ${plan.blocked.length} cannot move${stayingWords(plan.poweredOffStaying.length)}${incomingWords(plan.incoming?.length ?? 0)}`,
      });
      this.d.inventory.setMaintenance(hostId, 'entering');
    });
    // Entering refuses new moves in (prechecks); those under way are cancelled or land (then evacuated).
    const incoming = cancelIncoming(this.d.engine, hostId, host.name, actor);
    const blocked = [...plan.blocked];
    const taskIds: string[] = [];
    for (const move of plan.moves) {
      const taskId = requestEvacuationMove(this.d, host, operationId, move, actor);
      if (typeof taskId === 'string') taskIds.push(taskId);
      else blocked.push(taskId);
    }
    this.d.store.setEvacuation(hostId, { operationId, total: taskIds.length, taskIds, blocked, actor, incoming });
    return this.check(hostId);
  }

  /** A VM the evacuation left behind, moved with its disk or cold (one running is shut down first, journaled). */
  moveBlocked(
    hostId: string,
    vmId: string,
    action: BlockedVm['actions'][number],
    actor: string,
    options: PowerOffRequest = {},
  ): MaintenanceProgress {
    const host = this.hostOf(hostId);
    const evacuation = this.d.store.evacuation(hostId);
    const vm = this.d.view.vm(vmId);
    if (host.maintenance !== 'entering' || !evacuation?.operationId || vm?.hostId !== hostId)
      throw new FerryError('CONFLICT', `${vm?.name ?? vmId} is not a VM ${host.name}'s evacuation left behind`);
    if (action === 'power-off-and-move-cold' && vm.power === 'running') {
      this.powerOff.request(host, vm, { operationId: evacuation.operationId, purpose: 'evacuation', destHostId: null }, actor, options);
      return this.emit(hostId);
    }
    this.moveNow(hostId, vmId, action, actor);
    return this.check(hostId);
  }

  /** Plans and requests the move of a VM left behind (cold once it is off, `shut` down by Ferry for it); returns its task id. */
  private moveNow(hostId: string, vmId: string, action: BlockedVm['actions'][number], actor: string, shut?: GuestShutDown): string {
    const host = this.hostOf(hostId);
    const evacuation = this.d.store.evacuation(hostId);
    const vm = this.d.view.vm(vmId);
    if (!evacuation?.operationId || !vm)
      throw new FerryError('CONFLICT', `${vm?.name ?? vmId} is not a VM ${host.name}'s evacuation left behind`);
    // A retry moves it as the planner now can: live, or with its disk when that is on the host.
    const withLocalDisks = action === 'move-with-disk' || action === 'retry';
    const plan = planEvacuation(this.d.view, [hostId], { withLocalDisks, poweredOff: true }, this.d.engine.tasks())[0];
    const move = plan?.moves.find((m) => m.vmId === vmId);
    if (!move) {
      const reason = plan?.blocked.find((b) => b.vmId === vmId)?.reasons[0]?.message ?? 'no host can take it';
      throw new FerryError('PRECHECK_FAILED', `${vm.name} cannot move that way either: ${reason}`);
    }
    const taskId = requestEvacuationMove(this.d, host, evacuation.operationId, move, actor, shut);
    if (typeof taskId !== 'string') throw new FerryError('CONFLICT', taskId.reasons[0]?.message ?? `${vm.name} cannot move`);
    // A retry replaces the failed move in "n of m": each VM counts once.
    const kept = action === 'retry' ? evacuation.taskIds.filter((id) => this.d.engine.taskById(id)?.vmId !== vmId) : evacuation.taskIds;
    const taskIds = [...kept, taskId];
    this.d.store.setEvacuation(hostId, { ...evacuation, taskIds, total: taskIds.length });
    return taskId;
  }

  /**
   * Leaves maintenance. While entering, the moves that have not switched over are cancelled (the
   * engine's rules: queued ones are dropped, running ones roll back) and those past the point of
   * no return finish; the report says which. The intent is journaled first, so a start after a
   * crash finishes the cancels.
   */
  exit(hostId: string, actor: string): MaintenanceProgress {
    const host = this.hostOf(hostId);
    if (host.maintenance === 'off') return this.progress(hostId);
    const evacuation = this.d.store.evacuation(hostId);
    const tasks = evacuationTasks(this.d.engine, evacuation);
    const entering = host.maintenance === 'entering';
    // The engine's own rule: what has not switched over is cancelled, the rest finishes.
    const cancellable = tasks.filter(isCancellable);
    const operationId = evacuation?.operationId ?? null;
    this.d.operations.atomically(() => {
      if (operationId) this.d.operations.exited(operationId, this.nowIso(), null, cancellable.length > 0, 'offered');
      this.d.audit.append({
        actor,
        action: 'maintenance.exited',
        sourceHost: host.name,
        outcome: 'completed',
        details: [
          operationId ? `maintenance operation ${operationId}` : null,
          entering ? `left while entering: ${cancellable.length} moves not switched over are cancelled` : null,
        ]
          .filter(Boolean)
          .join('; '),
      });
      this.d.inventory.setMaintenance(hostId, 'off');
    });
    if (entering) {
      // An evacuation from before schema 010 has no operation: its tasks are cancelled all the same.
      const report = cancelUnswitched(this.d.engine, evacuation?.taskIds ?? [], actor);
      // A report only when moves were under way: otherwise leaving interrupted nothing.
      const interrupted = report.cancelled.length + report.finishing.length > 0;
      if (operationId) this.d.operations.exited(operationId, this.nowIso(), interrupted ? report : null, false, 'offered');
    }
    return this.emit(hostId);
  }

  /** `chosen`: the admin's store for a VM whose disks go back, by VM id. */
  failbackPlan(hostId: string, chosen: ReadonlyMap<string, string> = new Map()): FailbackPlan {
    const { host, operation } = this.failbackOf(hostId);
    const candidates = failbackCandidates(this.d.view, this.d.engine, this.d.operations, operation);
    return planFailback(
      this.d.view,
      host,
      operation.id,
      candidates,
      this.powerOff.statuses(operation.id, 'failback'),
      this.d.engine.tasks(),
      chosen,
    );
  }

  /** A VM the failback cannot move back live (a device, the CPU), shut down (journaled) and moved back cold. */
  moveBackCold(hostId: string, vmId: string, actor: string, options: PowerOffRequest = {}): FailbackPlan {
    const { host, operation } = this.failbackOf(hostId);
    const vm = this.d.view.vm(vmId);
    const away = this.d.view.host(vm?.hostId ?? '');
    if (!vm || !away || vm.power !== 'running')
      throw new FerryError('CONFLICT', `${vm?.name ?? vmId} is not running: "Move them back…" moves it as it is`);
    this.powerOff.request(away, vm, { operationId: operation.id, purpose: 'failback', destHostId: host.id }, actor, options);
    this.emit(hostId);
    return this.failbackPlan(hostId);
  }

  /**
   * Moves back what the maintenance moved (or a failback that ended left), as planned with the admin's `chosen` stores;
   * its audit records name the maintenance. `confirmed`: the VMs the plan shown moves (another plan is refused).
   */
  failback(
    hostId: string,
    actor: string,
    chosen: ReadonlyMap<string, string> = new Map(),
    confirmed?: readonly string[],
  ): MaintenanceProgress {
    const { host, operation } = this.failbackOf(hostId);
    if (operation.failbackId && this.d.engine.tasks().some((t) => t.batchId === operation.failbackId))
      throw new FerryError('CONFLICT', `VMs are moving back to ${host.name}: let them finish before moving the others back`);
    requestFailback(this.d, host, operation, this.failbackPlan(hostId, chosen), actor, chosen, confirmed);
    return this.emit(hostId);
  }

  dismissFailback(hostId: string, actor: string): MaintenanceProgress {
    const { host, operation } = this.failbackOf(hostId);
    if (this.powerOff.failingBack(operation.id))
      throw new FerryError(
        'CONFLICT',
        `A VM is being powered off to move back to ${host.name}: let it finish before keeping the others where they are`,
      );
    const plan = this.failbackPlan(hostId);
    const left = [...plan.moves, ...plan.blocked].map((m) => m.vmName);
    const details = failbackDeclinedWords(operation, this.d.operations.unansweredBefore(operation), left);
    this.d.operations.atomically(() => {
      // A failback that began keeps its id: its moves still show their progress.
      for (const op of failbackScope(this.d.operations, operation)) this.d.operations.setFailback(op.id, 'declined', op.failbackId);
      this.d.audit.append({ actor, action: 'maintenance.failback-declined', destHost: host.name, details });
    });
    return this.emit(hostId);
  }

  /** The admin has read what leaving while entering did: the panel stops showing it (the audit keeps it). */
  dismissExitReport(hostId: string): MaintenanceProgress {
    const operation = this.d.operations.latestFor(this.hostOf(hostId).id);
    if (operation?.exitedAt) this.d.operations.reportDismissed(operation.id, this.nowIso());
    return this.emit(hostId);
  }

  /** Re-evaluates hosts entering maintenance: call on task and inventory changes. */
  checkAll(): void {
    for (const host of this.d.view.allHosts()) if (host.maintenance === 'entering') this.check(host.id);
  }

  /** Every host in or entering maintenance, and every host that was (its last operation, or what is left to say of it). */
  statuses(): MaintenanceProgress[] {
    const was = new Set(this.d.operations.lastOfEachHost().map((o) => o.hostId));
    return this.d.view
      .allHosts()
      .filter((h) => h.maintenance !== 'off' || was.has(h.id))
      .map((h) => this.progress(h.id))
      .filter((p) => p.state !== 'off' || p.operationId !== null || p.lastOperation);
  }

  progress(hostId: string): MaintenanceProgress {
    const { view, inventory, engine, operations: ops } = this.d;
    const evacuation = this.d.store.evacuation(hostId);
    const powerOffs =
      view.host(hostId)?.maintenance === 'off'
        ? this.powerOff.statuses(ops.latestFor(hostId)?.id ?? null, 'failback')
        : this.powerOff.statuses(evacuation?.operationId ?? null, 'evacuation');
    const incoming = incomingProgress(engine, evacuation);
    const arriving = incomingTasks(engine, hostId).length > 0;
    return maintenanceProgress(hostId, { view, inventory, engine, ops, evacuation, powerOffs, incoming, arriving });
  }

  private failbackOf(hostId: string) {
    const host = this.hostOf(hostId);
    const operation = this.d.operations.latestFor(hostId);
    if (host.maintenance !== 'off' || !operation || !offersFailback(operation))
      throw new FerryError('CONFLICT', `${host.name} has no maintenance to fail back from: leave maintenance first`);
    return { host, operation };
  }

  private hostOf(hostId: string): Host {
    const host = this.d.view.host(hostId);
    if (!host) throw new FerryError('NOT_FOUND', `no host ${hostId}`);
    return host;
  }

  private check(hostId: string): MaintenanceProgress {
    const host = this.d.view.host(hostId);
    if (host?.maintenance === 'entering') evacuateArrivals(this.d, host);
    const evacuation = this.d.store.evacuation(hostId);
    const moving =
      evacuationTasks(this.d.engine, evacuation).some(isActive) ||
      incomingTasks(this.d.engine, hostId).length > 0 ||
      this.powerOff.busy(hostId);
    // Only a host read now can be judged empty: one that dropped out of a discovery shows its guests' power unknown.
    // A paused guest holds its memory here too (issue #14): only powered-off VMs stay.
    const empty = host?.connection === 'connected' && this.d.inventory.vmsOnHost(hostId).every((v) => v.power === 'off');
    if (host?.maintenance === 'entering' && !moving && empty) {
      this.d.operations.atomically(() => {
        this.d.audit.append({
          actor: evacuation?.actor ?? 'ferry',
          action: 'maintenance.entered',
          sourceHost: host.name,
          outcome: 'completed',
          details: `${evacuation?.operationId ? `maintenance operation ${evacuation.operationId}: ` : ''}${evacuation?.taskIds.length ?? 0} VMs moved off`,
        });
        this.d.inventory.setMaintenance(hostId, 'on');
      });
    }
    return this.emit(hostId);
  }

  private emit(hostId: string): MaintenanceProgress {
    const progress = this.progress(hostId);
    this.changed.emit(progress);
    return progress;
  }

  private nowIso(): string {
    return new Date(this.d.clock.now()).toISOString();
  }
}
