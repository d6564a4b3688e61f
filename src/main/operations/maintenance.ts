import { randomUUID } from 'node:crypto';
import { FerryError } from '../../shared/api/errors';
import type { Task } from '../../shared/model/migration';
import type { EvacuationPlan, MaintenanceProgress } from '../../shared/model/operations';
import { Emitter } from '../base/emitter';
import type { AuditLog } from '../store/audit/audit-log';
import type { MigrationEngine } from '../engine/engine';
import type { EngineView } from '../engine/planning/view';
import type { InventoryService } from '../engine/fleet/inventory-service';
import type { MaintenanceRepository } from '../store/maintenance';
import { automatedMove } from './automated-move';
import { planEvacuation } from './evacuation-planner';

/**
 * Maintenance mode: entering plans the evacuation, queues the moves in plan order (mission-
 * critical first) through the engine, and the host is in maintenance once no VM runs on it.
 * VMs that cannot move are listed with the reason and the admin's options.
 */
export class MaintenanceService {
  /** A host's maintenance progress changed. */
  readonly changed = new Emitter<MaintenanceProgress>();

  constructor(
    private readonly view: EngineView,
    private readonly inventory: InventoryService,
    private readonly engine: MigrationEngine,
    private readonly audit: AuditLog,
    private readonly store: MaintenanceRepository,
  ) {}

  private readonly stops: (() => void)[] = [];

  /** Hosts entering maintenance are re-evaluated whenever a migration ends or VMs move. */
  start(): void {
    this.stops.push(
      this.engine.finished.on(() => this.checkAll()),
      this.inventory.delta.on((delta) => {
        if (delta.vms.length > 0) this.checkAll();
      }),
    );
    this.checkAll();
  }

  halt(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  plan(hostId: string): EvacuationPlan {
    const host = this.view.host(hostId);
    if (!host) throw new FerryError('NOT_FOUND', `no host ${hostId}`);
    return planEvacuation(this.view, [hostId])[0] as EvacuationPlan;
  }

  enter(hostId: string, actor: string): MaintenanceProgress {
    const host = this.view.host(hostId);
    if (!host) throw new FerryError('NOT_FOUND', `no host ${hostId}`);
    if (host.maintenance !== 'off') return this.progress(hostId);
    const plan = this.plan(hostId);
    this.inventory.setMaintenance(hostId, 'entering');
    this.audit.append({
      actor,
      action: 'maintenance.requested',
      sourceHost: host.name,
      details: `evacuation of ${plan.moves.length} VMs planned (makespan about ${Math.round(plan.makespanMs / 1000)} s, lower bound ${Math.round(plan.lowerBoundMs / 1000)} s); ${plan.blocked.length} cannot move`,
    });
    const batchId = randomUUID();
    const blocked = [...plan.blocked];
    const taskIds: string[] = [];
    for (const move of plan.moves) {
      try {
        const [task] = this.engine.request(automatedMove(move.vmId, move.destHostId, move.missionCritical ? 'high' : 'default'), {
          requestedBy: `maintenance of ${host.name} (on behalf of ${actor})`,
          batchId,
        });
        if (task) taskIds.push(task.id);
      } catch (error) {
        blocked.push({
          vmId: move.vmId,
          vmName: move.vmName,
          reasons: [
            {
              code: 'VM_ALREADY_MIGRATING',
              severity: 'error',
              message: error instanceof Error ? error.message : String(error),
              hint: 'Resolve it, then enter maintenance again.',
            },
          ],
          options: ['Handle the VM by hand'],
        });
      }
    }
    this.store.setEvacuation(hostId, { total: plan.moves.length + plan.blocked.length, taskIds, blocked, actor });
    return this.check(hostId);
  }

  exit(hostId: string, actor: string): MaintenanceProgress {
    const host = this.view.host(hostId);
    if (!host) throw new FerryError('NOT_FOUND', `no host ${hostId}`);
    const evacuation = this.store.evacuation(hostId);
    // Moves not started yet are dropped; those under way finish (cancel them in Tasks if needed).
    for (const id of evacuation?.taskIds ?? []) {
      const task = this.engine.tasks().find((t) => t.id === id);
      if (task?.state === 'queued') this.engine.cancel(id, actor);
    }
    this.inventory.setMaintenance(hostId, 'off');
    this.audit.append({ actor, action: 'maintenance.exited', sourceHost: host.name, outcome: 'completed' });
    return this.emit(hostId);
  }

  /** Re-evaluates hosts entering maintenance: call on task and inventory changes. */
  checkAll(): void {
    for (const host of this.view.allHosts()) if (host.maintenance === 'entering') this.check(host.id);
  }

  statuses(): MaintenanceProgress[] {
    return this.view
      .allHosts()
      .filter((h) => h.maintenance !== 'off')
      .map((h) => this.progress(h.id));
  }

  progress(hostId: string): MaintenanceProgress {
    const host = this.view.host(hostId);
    const evacuation = this.store.evacuation(hostId);
    const running = this.inventory.vmsOnHost(hostId).filter((v) => v.power === 'running');
    const total = Math.max(evacuation?.total ?? 0, running.length);
    const failed = (evacuation?.taskIds ?? [])
      .map((id) => this.engine.taskById(id))
      .filter((t): t is Task => t !== undefined && (t.state === 'failed' || t.state === 'aborted'));
    const blocked = [
      ...(evacuation?.blocked ?? []).filter((b) => running.some((v) => v.id === b.vmId)),
      ...failed
        .filter((t) => running.some((v) => v.id === t.vmId))
        .map((t) => ({
          vmId: t.vmId,
          vmName: t.vmName,
          reasons: [
            {
              code: 'VM_ALREADY_MIGRATING' as const,
              severity: 'error' as const,
              message: `its migration ${t.state === 'aborted' ? 'was rolled back' : 'failed'}: ${t.error?.message ?? ''}`,
              hint: 'Retry the migration or handle the VM by hand.',
            },
          ],
          options: ['Migrate it from its context menu', 'Power it off for the maintenance'],
        })),
    ];
    return { hostId, state: host?.maintenance ?? 'off', moved: Math.max(0, total - running.length), total, blocked };
  }

  private check(hostId: string): MaintenanceProgress {
    const host = this.view.host(hostId);
    if (host?.maintenance === 'entering' && this.inventory.vmsOnHost(hostId).every((v) => v.power !== 'running')) {
      this.inventory.setMaintenance(hostId, 'on');
      const evacuation = this.store.evacuation(hostId);
      this.audit.append({
        actor: evacuation?.actor ?? 'ferry',
        action: 'maintenance.entered',
        sourceHost: host.name,
        outcome: 'completed',
        details: `${evacuation?.total ?? 0} VMs moved off`,
      });
    }
    return this.emit(hostId);
  }

  private emit(hostId: string): MaintenanceProgress {
    const progress = this.progress(hostId);
    this.changed.emit(progress);
    return progress;
  }
}
