import type { Task } from '../../shared/model/migration';
import { isCancellable } from '../../shared/model/cancel-rule';
import type { BlockedVm, MaintenanceProgress, PlannedIncoming } from '../../shared/model/operations';
import type { MigrationEngine } from '../engine/engine';
import type { InventoryService } from '../engine/fleet/inventory-service';
import type { EngineView } from '../engine/planning/view';
import type { Evacuation, IncomingMove } from '../store/maintenance';
import type { Host } from '../../shared/model/inventory';
import type { MaintenanceDeps } from './maintenance';
import { planEvacuation } from './evacuation-planner';
import { requestEvacuationMove } from './maintenance-request';
import { evacuationTasks, isActive } from './maintenance-progress';

/*
 * Moves into a host entering maintenance (review 5, finding 1). As vCenter does, entering cancels
 * those that have not switched over (the VM stays on its source); one past its point of no return
 * lands, and the VM is then evacuated like the others. New moves in are refused by the prechecks.
 */

/** The moves under way into a host. */
export const incomingTasks = (engine: MigrationEngine, hostId: string): Task[] =>
  engine.tasks().filter((t) => t.destHostId === hostId && isActive(t));

/** What entering would do to each move into the host, for the plan the admin confirms. */
export const plannedIncoming = (view: EngineView, engine: MigrationEngine, hostId: string): PlannedIncoming[] =>
  incomingTasks(engine, hostId).map((t) => ({
    vmName: t.vmName,
    fromHostName: view.host(t.sourceHostId)?.name ?? t.sourceHostId,
    cancellable: isCancellable(t),
  }));

/** Cancels the moves into the host that have not switched over (each cancel journaled by the engine). */
export function cancelIncoming(engine: MigrationEngine, hostId: string, hostName: string, actor: string): IncomingMove[] {
  return incomingTasks(engine, hostId).map((task) => {
    let cancelled = false;
    if (isCancellable(task))
      try {
        engine.cancel(task.id, `${actor} (entering maintenance of ${hostName})`);
        cancelled = true;
      } catch {
        // It switched over meanwhile: it lands and is evacuated.
      }
    return { taskId: task.id, vmName: task.vmName, cancelled };
  });
}

/** How each recorded move into the host went, as the panel shows it. */
export const incomingProgress = (engine: MigrationEngine, evacuation: Evacuation | null): MaintenanceProgress['incoming'] =>
  (evacuation?.incoming ?? []).map((move) => {
    const task = engine.taskById(move.taskId);
    const outcome =
      move.cancelled || (task && task.state !== 'completed' && !isActive(task)) ? 'cancelled' : isActive(task) ? 'arriving' : 'landed';
    return { vmName: move.vmName, outcome };
  });

/**
 * The VMs running on a host entering maintenance that its evacuation does not account for: not
 * moving, not moved or tried by it, not listed as cannot-move. Typically one a move into the host
 * landed past its switchover; they are evacuated too, so the host can finish entering.
 */
export function unaccountedVms(engine: MigrationEngine, inventory: InventoryService, hostId: string, evacuation: Evacuation): string[] {
  const known = new Set([...evacuationTasks(engine, evacuation).map((t) => t.vmId), ...evacuation.blocked.map((b) => b.vmId)]);
  const moving = new Set(engine.tasks().map((t) => t.vmId));
  return inventory
    .vmsOnHost(hostId)
    .filter((v) => v.power === 'running' && !known.has(v.id) && !moving.has(v.id))
    .map((v) => v.id);
}

/** A VM that landed and that the planner neither moves nor explains: listed, so it is planned once and the admin sees it. */
export const arrivalNobodyTakes = (vmId: string, vmName: string): BlockedVm => ({
  vmId,
  vmName,
  reasons: [
    {
      code: 'VM_ALREADY_MIGRATING',
      severity: 'error',
      message: 'it landed on the host while it was entering maintenance, and no host can take it',
      hint: 'Migrate it by hand or power it off.',
    },
  ],
  options: ['Migrate it from its context menu', 'Power it off for the maintenance'],
  actions: [],
});

/** For the maintenance.requested audit record. */
export const incomingWords = (n: number): string =>
  n === 0 ? '' : `; ${n} moves into it under way are cancelled, or evacuated once they land if past their switchover`;

/** A VM that landed on the host while it enters (a move in past its switchover) is evacuated too, or listed as cannot-move. */
export function evacuateArrivals(d: MaintenanceDeps, host: Host): void {
  const evacuation = d.store.evacuation(host.id);
  if (!evacuation?.operationId || host.connection !== 'connected') return;
  const arrived = unaccountedVms(d.engine, d.inventory, host.id, evacuation);
  if (arrived.length === 0) return;
  const plan = planEvacuation(d.view, [host.id], undefined, d.engine.tasks())[0];
  const taskIds = [...evacuation.taskIds];
  const blocked = [...evacuation.blocked];
  for (const vmId of arrived) {
    const move = plan?.moves.find((m) => m.vmId === vmId);
    const result = move
      ? requestEvacuationMove(d, host, evacuation.operationId, move, evacuation.actor)
      : (plan?.blocked.find((b) => b.vmId === vmId) ?? arrivalNobodyTakes(vmId, d.view.vm(vmId)?.name ?? vmId));
    if (typeof result === 'string') taskIds.push(result);
    else blocked.push(result);
  }
  d.store.setEvacuation(host.id, { ...evacuation, taskIds, blocked, total: taskIds.length });
}
